/**
 * Chinese names of the English store's product types and common option values, so Chinese customers can
 * talk about store A's catalogue ("我要换那个机械键盘，换成青轴的").
 */
export const PRODUCT_NAMES_ZH: Record<string, string[]> = {
  'T-Shirt': ['T恤', 't恤', '短袖'], Laptop: ['笔记本电脑', '笔记本', '电脑'], 'Running Shoes': ['跑鞋', '跑步鞋'],
  Smartphone: ['智能手机', '手机'], Backpack: ['双肩包', '背包'], 'Coffee Maker': ['咖啡机'], 'Water Bottle': ['水杯', '水壶', '保温杯'],
  'Desk Lamp': ['台灯'], Notebook: ['笔记本本子', '记事本'], Sunglasses: ['太阳镜', '墨镜'], Wristwatch: ['手表', '腕表'],
  'Electric Toothbrush': ['电动牙刷'], 'Yoga Mat': ['瑜伽垫'], 'Bluetooth Speaker': ['蓝牙音箱', '音箱'], 'Gaming Mouse': ['游戏鼠标', '鼠标'],
  'Action Camera': ['运动相机'], 'Garden Hose': ['浇花水管', '水管'], 'Hiking Boots': ['登山鞋', '登山靴', '徒步鞋', '徒步靴'], Tablet: ['平板电脑', '平板'],
  'E-Reader': ['电子阅读器', '电子书阅读器'], 'Portable Charger': ['充电宝', '移动电源'], 'Indoor Security Camera': ['室内监控摄像头', '监控摄像头', '摄像头'],
  'Electric Kettle': ['电热水壶', '电水壶'], 'Mechanical Keyboard': ['机械键盘', '键盘'], 'Wireless Earbuds': ['无线耳机', '蓝牙耳机'],
  'Smart Thermostat': ['智能温控器', '温控器'], 'Fleece Jacket': ['抓绒外套', '抓绒衣'], 'Wall Clock': ['挂钟'], 'Dumbbell Set': ['哑铃套装', '哑铃'],
  'Pet Bed': ['宠物床', '宠物窝'], 'Espresso Machine': ['意式咖啡机', '浓缩咖啡机'], 'Cycling Helmet': ['骑行头盔', '头盔'], 'LED Light Bulb': ['LED灯泡', '灯泡'],
  'Digital Camera': ['数码相机', '相机'], Bookshelf: ['书架'], Bicycle: ['自行车', '单车'], Sneakers: ['运动鞋', '球鞋'], 'Office Chair': ['办公椅', '椅子'],
  'Smart Watch': ['智能手表'], 'Tea Kettle': ['茶壶', '烧水壶'], 'Luggage Set': ['行李箱套装', '行李箱'], 'Patio Umbrella': ['庭院伞', '遮阳伞'],
  'Air Purifier': ['空气净化器', '净化器'], 'Makeup Kit': ['化妆套装', '彩妆套装'], Skateboard: ['滑板'], 'Jigsaw Puzzle': ['拼图'], Grill: ['烤架', '烧烤架'],
  Headphones: ['头戴式耳机', '耳机'], 'Vacuum Cleaner': ['吸尘器'], Perfume: ['香水'],
  // Short names of the Chinese store's products (store B names are Chinese already; these are what customers say).
  'Air Conditioner': ['空调'], 'Washing Machine': ['洗衣机'], 'Robot Vacuum': ['扫地机', '扫地机器人', '扫地机器'], 'Water Heater': ['热水器'],
  'Cordless Vacuum Cleaner': ['吸尘器'], 'High-speed Blender': ['破壁机', '料理机'], 'Wi-Fi Router': ['路由器'], 'Smart LED Bulb': ['灯泡'],
  Monitor: ['显示器', '屏幕'], 'Power Bank': ['充电宝'], 'Water Purifier': ['净水器'], 'Rice Cooker': ['电饭锅', '电饭煲'], 'Air Fryer': ['空气炸锅'],
  Humidifier: ['加湿器'], Refrigerator: ['冰箱'], Luggage: ['行李箱'],
};

export const OPTION_VALUES_ZH: Record<string, string[]> = {
  black: ['黑色', '黑'], white: ['白色', '白'], blue: ['蓝色', '蓝'], red: ['红色', '红'], green: ['绿色', '绿'], yellow: ['黄色', '黄'],
  purple: ['紫色', '紫'], pink: ['粉色', '粉红色'], gray: ['灰色'], grey: ['灰色'], silver: ['银色'], gold: ['金色'], brown: ['棕色', '咖啡色'],
  beige: ['米色'], navy: ['藏青色', '海军蓝'], 'rose gold': ['玫瑰金'], 'space grey': ['深空灰'], 'stainless steel': ['不锈钢'], wood: ['木质', '木色'],
  leather: ['皮革', '真皮'], metal: ['金属'], plastic: ['塑料'], glass: ['玻璃'], cotton: ['纯棉', '棉'], polyester: ['涤纶', '聚酯'], fabric: ['布艺', '织物'],
  mesh: ['网布'], nylon: ['尼龙'], ceramic: ['陶瓷'], silicone: ['硅胶'], canvas: ['帆布'], rubber: ['橡胶'], bamboo: ['竹'],
  clicky: ['青轴'], linear: ['红轴', '线性轴'], tactile: ['茶轴', '段落轴'], wireless: ['无线'], wired: ['有线'], bluetooth: ['蓝牙'],
  small: ['小号', '小'], medium: ['中号', '中'], large: ['大号', '大'], 'full size': ['全尺寸'], portable: ['便携'],
  rechargeable: ['可充电'], 'AA batteries': ['五号电池', '干电池'], 'Amazon Alexa': ['亚马逊alexa', 'alexa'], 'Apple HomeKit': ['苹果homekit', 'homekit'],
  'Google Assistant': ['谷歌助手', 'google home', '谷歌home'], polarized: ['偏光'], 'non-polarized': ['非偏光'], 'crew neck': ['圆领'], 'v-neck': ['v领'],
  'high-back': ['高背'], standard: ['标准'], adjustable: ['可调节'], fixed: ['固定'], none: ['无'], RGB: ['rgb', '彩色背光'], 'warm white': ['暖白'], daylight: ['日光'],
  'HEPA filter': ['hepa滤网'], HEPA: ['hepa'], carbon: ['活性炭'], ionic: ['负离子'], cordless: ['无绳'], 'quiet operation': ['静音'],
  men: ['男款', '男士'], women: ['女款', '女士'], unisex: ['男女通用'], analog: ['指针'], digital: ['数字', '电子'], automatic: ['自动'], manual: ['手动'],
  'in-ear': ['入耳式'], 'over-ear': ['头戴式'], 'on-ear': ['贴耳式'], mountain: ['山地'], road: ['公路'], 'hard cover': ['硬壳', '硬皮', '硬面', '精装'], 'soft cover': ['软皮', '软面', '平装'],
  plain: ['纯色', '素色', '无图案'], custom: ['定制', '定制款', '定制图案'], graphic: ['图案', '印花', '图案款'], maple: ['枫木'],
};

/** Alternative English spellings customers use for option values. */
export const OPTION_VALUES_EN: Record<string, string[]> = {
  'Google Assistant': ['google home', 'google'], 'Amazon Alexa': ['alexa', 'amazon echo'], 'Apple HomeKit': ['homekit', 'apple home', 'siri'],
  grey: ['gray'], gray: ['grey'], 'Wi-Fi': ['wifi', 'wi fi'], 'Wi-Fi + Cellular': ['cellular', 'wifi and cellular', 'lte'],
  'non-polarized': ['not polarized', 'unpolarized'], 'v-neck': ['v neck'], 'crew neck': ['crewneck', 'round neck'], 'high-back': ['high back'],
};

/** Chinese names of option keys, for "高通风", "续航20小时", "尺码L", "不防水". */
export const OPTION_KEYS_ZH: Record<string, string[]> = {
  size: ['尺码', '码', '号', '尺寸'], color: ['颜色', '色'], material: ['材质', '材料'], capacity: ['容量'], ventilation: ['通风'],
  'battery life': ['续航', '电池续航'], 'water resistance': ['防水'], waterproof: ['防水'], storage: ['存储', '内存'], ram: ['内存', '运行内存'], RAM: ['内存', '运行内存'],
  'screen size': ['屏幕', '屏幕尺寸'], resolution: ['分辨率', '像素'], brightness: ['亮度'], pressure: ['压力', '气压'], 'switch type': ['轴', '轴体'],
  backlight: ['背光'], 'room size': ['房间', '适用面积'], 'filter type': ['滤网'], 'weight range': ['重量'], thickness: ['厚度'], length: ['长度'],
  'speed settings': ['档位', '速度'], zoom: ['变焦'], 'piece count': ['件套'], pieces: ['片'], 'difficulty level': ['难度'], theme: ['主题'],
};

/** Chinese for generic option values that only make sense with their key ("高" + "通风"). */
export const GENERIC_VALUES_ZH: Record<string, string[]> = {
  high: ['高'], low: ['低'], medium: ['中', '中等'], small: ['小', '小号'], large: ['大', '大号'], yes: ['有', '带'], no: ['不', '无', '没有'], none: ['无', '没有'],
  standard: ['标准'], basic: ['基础'], fixed: ['固定'], adjustable: ['可调节', '可调'],
};
