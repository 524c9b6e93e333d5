/**
 * Generates demo store B (Chinese): products.json, users.json, orders.json and README.md under
 * src/packs/ecommerce/data/store-zh/. Same JSON shape as store A (τ-bench retail) so the same tools work on both,
 * plus `carrier`/`events` on fulfillments and `created_at` on orders.
 *
 * The first 160 users / 340 orders have uniformly random baskets (tests depend on them, byte for byte); 110 modelled
 * shoppers with preferences, repeat purchases and complementary products are appended after them ("modelled
 * shoppers" below) so that recommendation has a real signal to learn.
 *
 * Deterministic: a seeded mulberry32 PRNG and a fixed reference time; no Date.now(), no network.
 * Run: npx tsx scripts/generate-store-zh.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/engine/seeded-random.ts';

const SEED = 20261120;
/** Every time in the store is before this instant ("now" of the demo data). */
const REFERENCE_TIME = '2026-11-20T12:00:00+08:00';
const REFERENCE_MS = Date.parse(REFERENCE_TIME);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const USER_COUNT = 160;
const ORDER_COUNT = 340;
const FREE_SHIPPING_THRESHOLD = 99;

const outputDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/packs/ecommerce/data/store-zh');

// The project's one seeded PRNG (mulberry32), so data generation and training share it.
const mulberry32 = seededRandom;
const random = mulberry32(SEED);
const integer = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (probability: number): boolean => random() < probability;
const round2 = (value: number): number => Math.round(value * 100) / 100;
function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
const digits = (length: number): string => Array.from({ length }, (_, index) => (index === 0 ? integer(1, 9) : integer(0, 9))).join('');

const usedIds = new Set<string>();
function uniqueId(make: () => string): string {
  for (;;) {
    const id = make();
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

/** ISO 8601 in China Standard Time, e.g. 2026-11-18T09:41:07+08:00. */
function chinaTime(milliseconds: number): string {
  return new Date(milliseconds + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
}

// ---------------------------------------------------------------- catalogue
// name | name_en | category | brand | options ("键:值,值+加价;键:值") | base price | description. Brands are invented.
const CATALOGUE = `
空气净化器|Air Purifier|家电|青禾|颜色:白色,灰色;规格:标准版,Pro版+600,Max版+1300|1299|除甲醛除PM2.5，CADR 500m³/h，适用 20–60㎡。
扫地机器人|Robot Vacuum|家电|云杉|颜色:白色,黑色;版本:扫拖一体,自动集尘+900,全能基站+1800|1999|激光导航，4000Pa 吸力，支持 App 划区清扫。
滚筒洗衣机|Washing Machine|家电|北辰|容量:8公斤,10公斤+400,12公斤+900;功能:单洗,洗烘一体+1000|2299|变频电机，一级能效，高温除菌洗。
冰箱|Refrigerator|家电|北辰|规格:双门 218L,三门 268L+500,十字对开门 468L+2100;颜色:银色,白色|1699|风冷无霜，一级能效，独立保鲜区。
空调挂机|Air Conditioner|家电|澜庭|规格:1匹,1.5匹+500,2匹+1400;能效:一级能效,三级能效-300|2499|变频冷暖，自清洁，支持 App 远程控制。
电热水器|Water Heater|家电|澜庭|容量:50升,60升+200,80升+500;功率:2200W,3300W+300|1199|速热，镁棒防垢，8 年内胆保修。
电饭煲|Rice Cooker|家电|知竹|容量:3升,4升+60,5升+120;内胆:不粘内胆,陶晶内胆+150|299|IH 电磁加热，24 小时预约。
电水壶|Electric Kettle|家电|知竹|容量:1.5升,1.7升+20;材质:304不锈钢,玻璃+30;颜色:白色,黑色|99|1800W 快煮，防干烧，温控保温。
意式咖啡机|Espresso Machine|家电|拾光|颜色:银色,黑色;版本:半自动,全自动+1500|1899|20bar 泵压，蒸汽打奶泡。
无线吸尘器|Cordless Vacuum Cleaner|家电|云杉|颜色:紫色,灰色;版本:标准版,旗舰版+700|1499|150AW 吸力，续航 60 分钟，可拆卸电池。
净水器|Water Purifier|家电|青禾|通量:400G,600G+400,800G+900|1599|RO 反渗透，厨下安装，滤芯寿命提醒。
破壁机|High-speed Blender|家电|知竹|颜色:白色,绿色;容量:1.2升,1.75升+100|499|静音破壁，加热熬煮，12 种预设程序。
空气炸锅|Air Fryer|家电|知竹|容量:4升,6升+80;颜色:白色,黑色|269|无油烹饪，可视窗口，一键预设。
加湿器|Humidifier|家电|青禾|容量:4升,6升+50;类型:超声波,无雾蒸发式+200|199|恒湿控制，静音睡眠模式。
智能温控器|Smart Thermostat|家电|启明|颜色:白色,黑色;兼容:地暖,中央空调+100|699|分时温控，手机远程调温，支持语音助手。
智能手机|Smartphone|数码|星河|颜色:曜石黑,冰川白,雾蓝;存储:8GB+128GB,12GB+256GB+500,16GB+512GB+1300|3999|6.7 英寸 OLED，5000mAh，支持 100W 快充。
平板电脑|Tablet|数码|星河|颜色:深空灰,银色;存储:128GB,256GB+500;网络:WiFi版,5G版+800|2499|11 英寸 2.5K 屏，支持手写笔。
笔记本电脑|Laptop|数码|启明|处理器:i5,i7+1200;内存:16GB,32GB+800;存储:512GB,1TB+500|5999|14 英寸 2.8K 屏，重 1.3kg。
真无线蓝牙耳机|Wireless Earbuds|数码|星河|颜色:白色,黑色,蓝色;版本:标准版,降噪版+300|399|主动降噪，蓝牙 5.3，续航 30 小时。
头戴式耳机|Headphones|数码|山岚|颜色:黑色,米白,墨绿;连接:有线,无线+300|599|40mm 动圈，可折叠。
智能手表|Smart Watch|数码|星河|尺寸:42mm,46mm+200;表带:硅胶,皮革+150,金属+300;颜色:黑色,银色|1299|血氧心率监测，14 天续航，NFC 支付。
充电宝|Power Bank|数码|启明|容量:10000mAh,20000mAh+60;颜色:黑色,白色;功率:22.5W,65W+80|129|双向快充，可上飞机。
无线路由器|Wi-Fi Router|数码|启明|规格:WiFi 6 AX3000,WiFi 7 BE5000+300;版本:单只装,两只装+400|399|Mesh 组网，千兆网口。
机械键盘|Mechanical Keyboard|数码|山岚|轴体:青轴,红轴,茶轴,银轴;配列:87键,104键+50;背光:单光,RGB+60|299|热插拔，PBT 键帽，三模连接。
游戏鼠标|Gaming Mouse|数码|山岚|颜色:黑色,白色;连接:有线,无线+100;传感器:PAW3395,光学+0|199|轻量化 58g，26000 DPI。
显示器|Monitor|数码|启明|尺寸:24英寸,27英寸+400,32英寸+900;分辨率:2K,4K+700|1099|IPS 面板，100% sRGB，可升降支架。
蓝牙音箱|Bluetooth Speaker|数码|山岚|颜色:黑色,红色,蓝色;防水:IPX5,IPX7+80|249|360° 环绕声，续航 20 小时。
电子书阅读器|E-Reader|数码|拾光|屏幕:6英寸,7英寸+300;存储:16GB,32GB+100|899|墨水屏护眼，冷暖阅读灯。
智能摄像头|Indoor Security Camera|数码|启明|分辨率:2K,3K+60;存储:云存储,本地存储|199|360° 云台，人形侦测，红外夜视。
运动相机|Action Camera|数码|朗途|分辨率:4K,5.3K+500;套装:标准套装,骑行套装+200|2299|防抖，裸机防水 10 米。
智能LED灯泡|Smart LED Bulb|家居|启明|功率:9W,12W+10;色温:冷白光,暖白光,可调色温+20;规格:单只装,四只装+80|39.9|E27 灯口，App 与语音控制。
电动牙刷|Electric Toothbrush|美妆|小满|颜色:白色,粉色,黑色;版本:入门款,旗舰款+200|199|声波震动，4 种模式，续航 60 天。
纯棉T恤|Cotton T-Shirt|服饰鞋包|沐风|颜色:白色,黑色,灰色,藏青;尺码:S,M,L,XL,XXL|79|新疆长绒棉，圆领短袖。
轻薄羽绒服|Down Jacket|服饰鞋包|沐风|颜色:黑色,米白,卡其;尺码:M,L,XL,XXL|459|90% 白鸭绒，可收纳。
直筒牛仔裤|Jeans|服饰鞋包|沐风|颜色:浅蓝,深蓝,黑色;尺码:28,29,30,31,32,34|199|弹力棉，直筒版型。
连帽卫衣|Hoodie|服饰鞋包|沐风|颜色:灰色,黑色,燕麦色;尺码:S,M,L,XL|169|加绒加厚，宽松版型。
真丝连衣裙|Silk Dress|服饰鞋包|木槿|颜色:墨绿,酒红,黑色;尺码:S,M,L|699|桑蚕丝，中长款。
帆布鞋|Canvas Shoes|服饰鞋包|沐风|颜色:白色,黑色;尺码:36,37,38,39,40,41,42,43,44|129|硫化大底，经典低帮。
双肩包|Backpack|服饰鞋包|朗途|颜色:黑色,灰色,藏青;容量:20升,30升+60|229|防泼水，可放 15.6 英寸笔记本。
拉杆行李箱|Luggage|服饰鞋包|朗途|尺寸:20英寸,24英寸+100,28英寸+200;颜色:银色,黑色,雾蓝|399|PC 材质，静音万向轮，TSA 海关锁。
乳胶枕|Latex Pillow|家居|澜庭|规格:标准款,高低款+30;尺寸:60x40cm,70x40cm+40|159|泰国天然乳胶，透气防螨。
纯棉四件套|Bedding Set|家居|澜庭|尺寸:1.5米床,1.8米床+60;颜色:浅灰,雾蓝,米白,豆绿|299|60 支长绒棉，A 类标准。
人体工学椅|Office Chair|家居|北辰|颜色:黑色,灰色;配置:基础款,带头枕+150,带脚托+300|899|4D 扶手，腰托可调，网布透气。
护眼台灯|Desk Lamp|家居|启明|颜色:白色,黑色;版本:标准版,智能版+80|199|全光谱，无可视频闪，AA 级照度。
收纳箱|Storage Box|家居|小满|容量:30升,50升+15,80升+30;规格:单只装,三只装+60|49.9|加厚 PP，可叠放，带滑轮。
保温杯|Vacuum Flask|家居|小满|容量:350毫升,500毫升+20;颜色:白色,黑色,樱花粉,薄荷绿|89|316 不锈钢内胆，12 小时保温。
保湿面霜|Moisturizing Cream|美妆|木槿|规格:50克,100克+180|268|神经酰胺修护，敏感肌可用。
丝绒口红|Lipstick|美妆|木槿|色号:正红色,豆沙色,枫叶红,奶茶色,番茄红|159|丝绒哑光，滋润不拔干。
防晒霜|Sunscreen|美妆|小满|规格:50毫升,100毫升+60;防晒值:SPF30,SPF50+20|129|PA++++，清爽不油腻。
氨基酸洗面奶|Facial Cleanser|美妆|小满|规格:120克,200克+30|69|温和洁面，弱酸性。
香水|Perfume|美妆|木槿|香调:花香调,木质调,柑橘调;容量:30毫升,50毫升+150,100毫升+350|399|法国进口香精，留香 6–8 小时。
修护精华液|Serum|美妆|木槿|规格:30毫升,50毫升+200|399|烟酰胺提亮，修护屏障。
西湖龙井|Longjing Green Tea|食品|知竹|等级:一级,特级+120;规格:100克,250克+150|168|明前春茶，罐装。
每日坚果礼盒|Mixed Nuts Gift Box|食品|小满|规格:750克 30袋,1050克 42袋+40|99|六种坚果果干，独立小包装。
咖啡豆|Coffee Beans|食品|拾光|烘焙度:浅烘,中烘,深烘;规格:250克,500克+50;处理:豆子,代磨咖啡粉|69|云南保山小粒咖啡，当季新豆。
五常大米|Wuchang Rice|食品|北辰|规格:5公斤,10公斤+60|89|稻花香 2 号，当季新米，真空包装。
纯牛奶整箱|Whole Milk Case|食品|青禾|规格:250毫升x12盒,250毫升x24盒+40|49.9|内蒙古牧场奶源，3.6g 乳蛋白。
纸尿裤|Diapers|母婴|小满|尺码:S,M,L,XL,XXL;规格:单包,整箱+120|89|超薄透气，12 小时干爽。
婴儿推车|Baby Stroller|母婴|朗途|颜色:灰色,卡其,黑色;版本:轻便款,高景观款+600|899|可坐可躺，一键收车。
防胀气奶瓶|Baby Bottle|母婴|小满|容量:160毫升,240毫升+10;材质:PPSU,玻璃-20|89|宽口径，防胀气阀。
儿童安全座椅|Child Car Seat|母婴|北辰|适用年龄:0-4岁,9个月-12岁+300;接口:ISOFIX,安全带-200|1299|i-Size 认证，360° 旋转。
婴儿湿巾|Baby Wipes|母婴|小满|规格:80抽x6包,80抽x12包+30;类型:手口专用,普通款|39.9|纯水配方，无酒精无香精。
瑜伽垫|Yoga Mat|运动|朗途|厚度:6mm,8mm+20,10mm+40;颜色:紫色,蓝色,灰色|99|TPE 双面防滑，附绑带。
可调节哑铃|Adjustable Dumbbells|运动|朗途|重量:10公斤一对,20公斤一对+200,40公斤一对+500|399|快速调节，包胶防滑。
跑步鞋|Running Shoes|运动|朗途|颜色:黑白,荧光绿,蓝色;尺码:38,39,40,41,42,43,44|499|碳板缓震，轻量透气。
骑行头盔|Cycling Helmet|运动|朗途|尺码:M,L;颜色:白色,黑色,红色|259|一体成型，带尾灯。
山地自行车|Mountain Bike|运动|北辰|车架尺寸:S,M,L;变速:21速,27速+400|1599|铝合金车架，油压碟刹。
羽毛球拍|Badminton Racket|运动|山岚|重量:4U,5U;颜色:红色,蓝色;规格:单拍,对拍+180|229|全碳素，可拉 30 磅。
跳绳|Jump Rope|运动|小满|类型:普通款,计数款+30;颜色:黑色,粉色|39|钢丝绳芯，轴承顺滑。
`;

interface Variant { item_id: string; options: Record<string, string>; available: boolean; price: number }
interface Product { name: string; name_en: string; product_id: string; category: string; brand: string; description: string; variants: Record<string, Variant> }

function buildProducts(): Record<string, Product> {
  const products: Record<string, Product> = {};
  for (const line of CATALOGUE.trim().split('\n')) {
    const [name, nameEnglish, category, brand, optionText, basePrice, description] = line.split('|');
    const keys = optionText.split(';').map((part) => {
      const [key, values] = part.split(':');
      return {
        key,
        values: values.split(',').map((value) => {
          const match = /^(.*?)([+-]\d+)?$/.exec(value)!;
          return { value: match[1], delta: Number(match[2] ?? 0) };
        }),
      };
    });
    let combinations: Array<Array<{ key: string; value: string; delta: number }>> = [[]];
    for (const { key, values } of keys) {
      combinations = combinations.flatMap((prefix) => values.map((entry) => [...prefix, { key, ...entry }]));
    }
    if (combinations.length < 2) throw new Error(`${name}: needs at least two variants`);
    const wanted = Math.min(combinations.length, integer(2, 12));
    const chosen = shuffle(combinations).slice(0, wanted);
    const product_id = uniqueId(() => digits(10));
    const variants: Record<string, Variant> = {};
    chosen.forEach((combination, index) => {
      const item_id = uniqueId(() => digits(10));
      const list = Number(basePrice) + combination.reduce((sum, part) => sum + part.delta, 0);
      variants[item_id] = {
        item_id,
        options: Object.fromEntries(combination.map((part) => [part.key, part.value])),
        // keep at least one variant available per product
        available: index === 0 ? true : !chance(0.18),
        price: round2(list * (0.95 + random() * 0.08)),
      };
    });
    products[product_id] = { name, name_en: nameEnglish, product_id, category, brand, description, variants };
  }
  return products;
}

// ---------------------------------------------------------------- people and places
const SURNAMES: Array<[string, string]> = `王 wang,李 li,张 zhang,刘 liu,陈 chen,杨 yang,黄 huang,赵 zhao,吴 wu,周 zhou,徐 xu,孙 sun,马 ma,朱 zhu,胡 hu,郭 guo,何 he,林 lin,高 gao,罗 luo,郑 zheng,梁 liang,谢 xie,宋 song,唐 tang,韩 han,冯 feng,邓 deng,曹 cao,彭 peng,曾 zeng,肖 xiao,田 tian,董 dong,潘 pan,袁 yuan,蔡 cai,蒋 jiang,余 yu,欧阳 ouyang`
  .split(',').map((entry) => entry.split(' ') as [string, string]);
const GIVEN_NAMES: Array<[string, string]> = `伟 wei,芳 fang,娜 na,秀英 xiuying,敏 min,静 jing,丽 li,强 qiang,磊 lei,军 jun,洋 yang,勇 yong,艳 yan,杰 jie,娟 juan,涛 tao,明 ming,超 chao,秀兰 xiulan,霞 xia,平 ping,刚 gang,桂英 guiying,浩然 haoran,子涵 zihan,欣怡 xinyi,梓萱 zixuan,宇轩 yuxuan,思远 siyuan,雨桐 yutong,一诺 yinuo,俊杰 junjie,晓燕 xiaoyan,建华 jianhua,志强 zhiqiang,文博 wenbo,佳怡 jiayi,嘉欣 jiaxin,天佑 tianyou,梦琪 mengqi,若曦 ruoxi,晨阳 chenyang,诗涵 shihan,博文 bowen,思彤 sitong,家豪 jiahao,婉清 wanqing,泽宇 zeyu,慧敏 huimin,国庆 guoqing,海燕 haiyan,立新 lixin,雪梅 xuemei,子墨 zimo,浩宇 haoyu`
  .split(',').map((entry) => entry.split(' ') as [string, string]);

// state | city | district:zip,district:zip
const PLACES = `
北京市|北京市|朝阳区:100020,海淀区:100080,东城区:100010,丰台区:100071
上海市|上海市|浦东新区:200120,徐汇区:200030,静安区:200040,闵行区:201100
天津市|天津市|南开区:300100,河西区:300202
重庆市|重庆市|渝中区:400010,江北区:400020
广东省|广州市|天河区:510630,越秀区:510030,海珠区:510220
广东省|深圳市|南山区:518052,福田区:518048,宝安区:518101
浙江省|杭州市|西湖区:310012,滨江区:310051,上城区:310002
浙江省|宁波市|鄞州区:315100
江苏省|南京市|鼓楼区:210008,玄武区:210018
江苏省|苏州市|姑苏区:215000,吴中区:215128
四川省|成都市|武侯区:610041,锦江区:610021
湖北省|武汉市|洪山区:430070,江汉区:430015,武昌区:430061
湖南省|长沙市|岳麓区:410006,芙蓉区:410011
陕西省|西安市|雁塔区:710061,碑林区:710001
山东省|青岛市|市南区:266001,崂山区:266100
山东省|济南市|历下区:250011
福建省|厦门市|思明区:361001,湖里区:361006
河南省|郑州市|金水区:450008
安徽省|合肥市|蜀山区:230031
辽宁省|沈阳市|和平区:110001
云南省|昆明市|五华区:650031
黑龙江省|哈尔滨市|南岗区:150001
广西壮族自治区|南宁市|青秀区:530022
海南省|海口市|龙华区:570105
河北省|石家庄市|长安区:050011
新疆维吾尔自治区|乌鲁木齐市|天山区:830002
西藏自治区|拉萨市|城关区:850000
`.trim().split('\n').map((line) => {
  const [state, city, districts] = line.split('|');
  return { state, city, districts: districts.split(',').map((entry) => entry.split(':') as [string, string]) };
});
const ROADS = '人民路,解放路,中山路,建设路,文化路,和平路,长江路,黄河路,新华路,光明路,青年路,学院路,科技路,滨江路,东风路,胜利路,金桥路,望江路,丰收路,湖滨路'.split(',');
const COMMUNITIES = '阳光花园,翠苑小区,锦绣家园,金色家园,书香门第,滨江花园,幸福里,春华苑,明珠公寓,枫林小区,紫荆苑,湖畔佳苑,和谐家园,世纪新城,梧桐苑'.split(',');
const OFFICES = '创新大厦,国际金融中心,科技园 A 座,星光广场,云谷中心'.split(',');
const BANKS = ['招商银行', '工商银行', '建设银行', '中国银行', '交通银行', '浦发银行', 'visa', 'mastercard', '银联'];

interface Address { address1: string; address2: string; city: string; state: string; country: string; zip: string }
interface PaymentMethod { source: string; id: string; brand?: string; last_four?: string; balance?: number }
interface User {
  name: { first_name: string; last_name: string };
  address: Address; email: string; phone: string;
  payment_methods: Record<string, PaymentMethod>; orders: string[];
}

function makeAddress(): Address {
  const place = pick(PLACES);
  const [district, zip] = pick(place.districts);
  const address2 = chance(0.12)
    ? `${pick(OFFICES)}${integer(3, 32)}层${integer(1, 20).toString().padStart(2, '0')}室`
    : `${pick(COMMUNITIES)}${integer(1, 24)}号楼${integer(1, 4)}单元${integer(1, 28)}${integer(1, 4).toString().padStart(2, '0')}室`;
  return { address1: `${district}${pick(ROADS)}${integer(1, 999)}号`, address2, city: place.city, state: place.state, country: '中国', zip };
}

function makePaymentMethod(source: string): PaymentMethod {
  const id = uniqueId(() => `${source}_${digits(7)}`);
  if (source === 'credit_card') return { source, brand: pick(BANKS), last_four: String(integer(0, 9999)).padStart(4, '0'), id };
  if (source === 'gift_card') return { source, balance: round2(pick([0, 50, 100, 200, 500]) + (chance(0.5) ? integer(0, 9999) / 100 : 0)), id };
  return { source, id };
}

/** One invented customer with an id of the form pinyin_pinyin_1234. */
function makeUser(): [string, User] {
  {
    const [lastName, lastPinyin] = pick(SURNAMES);
    const [firstName, firstPinyin] = pick(GIVEN_NAMES);
    const userId = uniqueId(() => `${lastPinyin}_${firstPinyin}_${digits(4)}`);
    const suffix = userId.slice(-4);
    const primary = pick(['alipay', 'alipay', 'wechat_pay', 'wechat_pay', 'credit_card']);
    const sources = [primary, ...['alipay', 'wechat_pay', 'credit_card', 'gift_card'].filter((source) => source !== primary && chance(0.35))];
    const methods = sources.map(makePaymentMethod);
    return [userId, {
      name: { first_name: firstName, last_name: lastName },
      address: makeAddress(),
      email: `${firstPinyin}.${lastPinyin}${suffix}@example.com`,
      phone: `1${pick(['3', '5', '7', '8', '9'])}${digits(1)}${String(integer(0, 99_999_999)).padStart(8, '0')}`,
      payment_methods: Object.fromEntries(methods.map((method) => [method.id, method])),
      orders: [],
    }];
  }
}

function buildUsers(): Record<string, User> {
  const users: Record<string, User> = {};
  while (Object.keys(users).length < USER_COUNT) {
    const [userId, user] = makeUser();
    users[userId] = user;
  }
  return users;
}

// ---------------------------------------------------------------- orders and logistics
const CARRIERS: Array<{ name: string; tracking: () => string }> = [
  { name: '顺丰速运', tracking: () => `SF${digits(13)}` },
  { name: '京东物流', tracking: () => `JDV${digits(12)}` },
  { name: '中通快递', tracking: () => `7${digits(13)}` },
  { name: '圆通速递', tracking: () => `YT${digits(13)}` },
  { name: 'EMS', tracking: () => `1${digits(12)}` },
];
const WAREHOUSES = [
  { city: '北京市', hub: '北京顺义转运中心', name: '北京大兴仓' },
  { city: '上海市', hub: '上海青浦转运中心', name: '上海嘉定仓' },
  { city: '广州市', hub: '广州白云转运中心', name: '广州花都仓' },
  { city: '武汉市', hub: '武汉汉阳转运中心', name: '武汉东西湖仓' },
  { city: '成都市', hub: '成都双流转运中心', name: '成都新都仓' },
];
const SIGNED = ['已签收，签收人：本人', '已签收，已放入快递柜，请凭取件码取件', '已签收，由门卫代收', '已签收，由驿站代收'];
const DELAYS = ['因天气原因延误，预计延迟 2–3 天送达', '受暴雪影响，快件滞留中转站，恢复后第一时间发出', '快件在中转过程中出现异常，正在核实处理', '因交通管制暂停发运，预计延误 2 天'];

interface TrackingEvent { time: string; location: string; description: string }
interface Fulfillment { tracking_id: string[]; item_ids: string[]; carrier: string; events: TrackingEvent[] }
interface OrderItem { name: string; product_id: string; item_id: string; price: number; options: Record<string, string> }
interface Order {
  order_id: string; user_id: string; address: Address; items: OrderItem[]; fulfillments: Fulfillment[];
  status: string; payment_history: Array<{ transaction_type: 'payment' | 'refund'; amount: number; payment_method_id: string }>;
  created_at: string;
}

/** Full journey from warehouse to doorstep, times strictly increasing from `start`. */
function journey(start: number, address: Address, delayed: boolean): Array<{ at: number; location: string; description: string }> {
  const warehouse = pick(WAREHOUSES);
  const district = address.address1.replace(/(区|县).*/, '$1');
  const events: Array<{ at: number; location: string; description: string }> = [];
  let at = start + integer(2, 20) * HOUR + integer(0, 59) * 60_000;
  const push = (location: string, description: string, gapHours: [number, number], daytime = false) => {
    // couriers hand over and deliver between 08:00 and 21:00 China time
    const hour = new Date(at + 8 * HOUR).getUTCHours();
    if (daytime && (hour < 8 || hour >= 21)) at += (((8 - hour + 24) % 24) + integer(0, 2)) * HOUR + integer(1, 59) * 60_000;
    events.push({ at, location, description });
    at += integer(gapHours[0], gapHours[1]) * HOUR + integer(1, 59) * 60_000;
  };
  push(warehouse.city, `商家已发货，包裹已从【${warehouse.name}】出库`, [1, 4], true);
  push(warehouse.city, '快递员已揽收', [2, 6], true);
  push(warehouse.city, `快件已到达【${warehouse.hub}】`, [1, 3]);
  if (warehouse.city !== address.city) {
    push(warehouse.city, `快件已从【${warehouse.hub}】发出，运输中，下一站【${address.city.replace(/市$/, '')}转运中心】`, [8, 30]);
    if (delayed) {
      push(warehouse.city, `运输中，${pick(DELAYS)}`, [0, 0]);
      return events;
    }
    push(address.city, `快件已到达【${address.city.replace(/市$/, '')}转运中心】`, [2, 6]);
  } else if (delayed) {
    push(warehouse.city, pick(DELAYS), [0, 0]);
    return events;
  }
  push(address.city, `快件已到达【${district}营业部】`, [1, 3]);
  push(address.city, '派送中，快递员正在为您派送，请保持电话畅通', [1, 4], true);
  push(address.city, pick(SIGNED), [0, 0], true);
  return events;
}

function buildOrders(users: Record<string, User>, products: Record<string, Product>): Record<string, Order> {
  const userIds = Object.keys(users);
  const productList = Object.values(products);
  const plan: string[] = [];
  const quota: Array<[string, number]> = [['pending', 80], ['processed', 44], ['delayed', 8], ['delivered', 136], ['cancelled', 34], ['return requested', 19], ['exchange requested', 19]];
  for (const [status, count] of quota) for (let index = 0; index < count; index += 1) plan.push(status);
  if (plan.length !== ORDER_COUNT) throw new Error(`status quota adds up to ${plan.length}, expected ${ORDER_COUNT}`);
  const orders: Order[] = [];
  plan.forEach((planned, index) => {
    // every user gets at least one order, the rest are spread at random
    const userId = index < userIds.length ? userIds[(index * 37) % userIds.length] : pick(userIds);
    const user = users[userId];
    const items: OrderItem[] = [];
    const itemCount = pick([1, 1, 1, 2, 2, 3, 4]);
    while (items.length < itemCount || items.reduce((sum, item) => sum + item.price, 0) < FREE_SHIPPING_THRESHOLD) {
      const product = pick(productList);
      const variant = pick(Object.values(product.variants));
      items.push({ name: product.name, product_id: product.product_id, item_id: variant.item_id, price: variant.price, options: { ...variant.options } });
    }
    const total = round2(items.reduce((sum, item) => sum + item.price, 0));
    const created = REFERENCE_MS - ({
      pending: () => integer(1, 36) * HOUR,
      processed: () => integer(14, 50) * HOUR,
      delayed: () => integer(5, 9) * DAY,
      delivered: () => integer(5, 75) * DAY,
      cancelled: () => integer(1, 60) * DAY,
      'return requested': () => integer(5, 14) * DAY,
      'exchange requested': () => integer(5, 14) * DAY,
    } as Record<string, () => number>)[planned]() - integer(0, 3599) * 1000;
    const methods = Object.values(user.payment_methods).filter((method) => method.source !== 'gift_card' || (method.balance ?? 0) >= total);
    const method = pick(methods);
    if (method.source === 'gift_card') method.balance = round2(method.balance! - total);
    const payments: Order['payment_history'] = [{ transaction_type: 'payment', amount: total, payment_method_id: method.id }];
    if (planned === 'cancelled') payments.push({ transaction_type: 'refund', amount: total, payment_method_id: method.id });
    const address = chance(0.85) ? { ...user.address } : makeAddress();
    const fulfillments: Fulfillment[] = [];
    if (!['pending', 'cancelled'].includes(planned)) {
      const split = items.length > 1 && chance(0.25) ? integer(1, items.length - 1) : items.length;
      const groups = [items.slice(0, split), items.slice(split)].filter((group) => group.length > 0);
      for (const group of groups) {
        const carrier = pick(CARRIERS);
        let events = journey(created, address, planned === 'delayed');
        if (planned === 'processed') {
          events = events.filter((event) => event.at < REFERENCE_MS).slice(0, events.length - 1);
          if (events.length === 0) events = [{ at: Math.max(created + HOUR, REFERENCE_MS - 2 * HOUR), location: address.city, description: '商家已发货，等待快递员揽收' }];
        }
        fulfillments.push({
          tracking_id: [uniqueId(carrier.tracking)],
          item_ids: group.map((item) => item.item_id),
          carrier: carrier.name,
          events: events.map((event) => ({ time: chinaTime(event.at), location: event.location, description: event.description })),
        });
      }
    }
    const createdLocal = chinaTime(created);
    const orderId = uniqueId(() => `#CN${createdLocal.slice(2, 4)}${createdLocal.slice(5, 7)}${digits(6)}`);
    orders.push({
      order_id: orderId, user_id: userId, address, items, fulfillments,
      status: planned === 'delayed' ? 'processed' : planned,
      payment_history: payments, created_at: createdLocal,
    });
  });
  orders.sort((left, right) => left.created_at.localeCompare(right.created_at));
  for (const order of orders) users[order.user_id].orders.push(order.order_id);
  return Object.fromEntries(orders.map((order) => [order.order_id, order]));
}

// ---------------------------------------------------------------- modelled shoppers (recommendation signal)
// The 160 customers and 340 orders above are drawn uniformly at random (tests and conversation tests depend on them,
// so they stay byte-identical: this phase runs after them on the same PRNG stream). The shoppers below are appended
// so that the store has the structure real order logs have, and a recommender has something to learn:
// - each shopper has 1–2 preferred categories (80 % of the items they pick themselves) and a price band;
// - within a category a few products sell far more than the rest (Zipf-like popularity skew, fixed product rank);
// - consumables (coffee beans, rice, milk, diapers, wipes, tea, nuts, skin care …) are bought again;
// - complementary products follow their anchor in the same order or the next one (phone → power bank / earbuds,
//   coffee machine → coffee beans, stroller → wipes / diapers, rice cooker → rice …).
// Their orders are all delivered (history), 2–6 per shopper, spread over the 300 days before the reference time.
const SHOPPER_COUNT = 110;
const CONSUMABLES = ['咖啡豆', '五常大米', '纯牛奶整箱', '纸尿裤', '婴儿湿巾', '西湖龙井', '每日坚果礼盒', '保湿面霜', '氨基酸洗面奶', '防晒霜', '修护精华液', '丝绒口红', '智能LED灯泡', '收纳箱'];
const COMPLEMENTS: Record<string, string[]> = {
  智能手机: ['充电宝', '真无线蓝牙耳机', '智能手表'], 意式咖啡机: ['咖啡豆'], 笔记本电脑: ['双肩包', '游戏鼠标', '显示器'],
  婴儿推车: ['婴儿湿巾', '纸尿裤'], 防胀气奶瓶: ['纸尿裤', '婴儿湿巾'], 儿童安全座椅: ['婴儿推车'], 电饭煲: ['五常大米'],
  平板电脑: ['真无线蓝牙耳机', '电子书阅读器'], 山地自行车: ['骑行头盔'], 跑步鞋: ['智能手表', '跳绳'], 瑜伽垫: ['可调节哑铃', '跳绳'],
  纯棉四件套: ['乳胶枕'], 人体工学椅: ['护眼台灯', '显示器'], 机械键盘: ['游戏鼠标'], 氨基酸洗面奶: ['保湿面霜'], 保湿面霜: ['修护精华液'],
  破壁机: ['纯牛奶整箱'], 拉杆行李箱: ['双肩包'], 智能温控器: ['智能LED灯泡'], 空气净化器: ['加湿器'],
};
const PRICE_BANDS: Array<[number, number]> = [[0, 400], [50, 2000], [300, 100_000]];

function buildShopperOrders(users: Record<string, User>, products: Record<string, Product>): Record<string, Order> {
  const productList = Object.values(products);
  const byName = new Map(productList.map((product) => [product.name, product]));
  const categories = [...new Set(productList.map((product) => product.category))];
  // Popularity skew: a fixed random rank per product, weight 1 / (rank within its category + 1)^1.2.
  const weight = new Map<Product, number>();
  for (const category of categories) shuffle(productList.filter((product) => product.category === category)).forEach((product, rank) => weight.set(product, 1 / (rank + 1) ** 1.2));
  const price = (product: Product) => Math.min(...Object.values(product.variants).map((variant) => variant.price));
  const weighted = (candidates: Product[]): Product => {
    const total = candidates.reduce((sum, product) => sum + weight.get(product)!, 0);
    let draw = random() * total;
    for (const product of candidates) if ((draw -= weight.get(product)!) <= 0) return product;
    return candidates[candidates.length - 1];
  };
  const item = (product: Product): OrderItem => {
    const variant = pick(Object.values(product.variants));
    return { name: product.name, product_id: product.product_id, item_id: variant.item_id, price: variant.price, options: { ...variant.options } };
  };
  const orders: Order[] = [];
  for (let shopper = 0; shopper < SHOPPER_COUNT; shopper += 1) {
    const [userId, user] = makeUser();
    users[userId] = user;
    const liked = shuffle(categories).slice(0, chance(0.5) ? 1 : 2);
    const [low, high] = pick(PRICE_BANDS);
    const inBand = (product: Product) => price(product) >= low && price(product) <= high;
    const own = (category: string | null) => {
      const pool = productList.filter((product) => (category === null || product.category === category) && inBand(product));
      return weighted(pool.length ? pool : productList.filter((product) => category === null || product.category === category));
    };
    const count = pick([2, 2, 3, 3, 4, 5, 6]);
    const times = Array.from({ length: count }, () => REFERENCE_MS - integer(6, 300) * DAY - integer(0, 86_399) * 1000).sort((left, right) => left - right);
    const bought: Product[] = [];
    let owed: Product[] = [];
    for (const created of times) {
      const chosen = new Set<Product>();
      // A complement of the previous order's anchor, and sometimes a consumable bought before.
      for (const product of owed) if (chance(0.7)) chosen.add(product);
      const consumables = bought.filter((product) => CONSUMABLES.includes(product.name));
      if (consumables.length && chance(0.6)) chosen.add(pick(consumables));
      const wanted = Math.max(1, pick([1, 1, 2, 2, 3]) - chosen.size);
      for (let index = 0; index < wanted; index += 1) chosen.add(own(chance(0.8) ? pick(liked) : null));
      // Complements of this order's products: half now, the rest owed to the next order.
      owed = [];
      for (const product of [...chosen]) {
        for (const name of COMPLEMENTS[product.name] ?? []) {
          const complement = byName.get(name);
          if (!complement || bought.includes(complement) || chosen.has(complement)) continue;
          if (chance(0.5)) chosen.add(complement);
          else owed.push(complement);
        }
      }
      const items = [...chosen].map(item);
      while (items.reduce((sum, entry) => sum + entry.price, 0) < FREE_SHIPPING_THRESHOLD) items.push(item(own(pick(liked))));
      for (const entry of items) bought.push(byName.get(entry.name)!);
      const total = round2(items.reduce((sum, entry) => sum + entry.price, 0));
      // Never a gift card (no balance bookkeeping needed); every user's primary method is another source.
      const method = pick(Object.values(user.payment_methods).filter((candidate) => candidate.source !== 'gift_card'));
      const address = { ...user.address };
      const carrier = pick(CARRIERS);
      const events = journey(created, address, false);
      const createdLocal = chinaTime(created);
      const orderId = uniqueId(() => `#CN${createdLocal.slice(2, 4)}${createdLocal.slice(5, 7)}${digits(6)}`);
      orders.push({
        order_id: orderId, user_id: userId, address, items,
        fulfillments: [{ tracking_id: [uniqueId(carrier.tracking)], item_ids: items.map((entry) => entry.item_id), carrier: carrier.name, events: events.map((event) => ({ time: chinaTime(event.at), location: event.location, description: event.description })) }],
        status: 'delivered', payment_history: [{ transaction_type: 'payment', amount: total, payment_method_id: method.id }], created_at: createdLocal,
      });
      user.orders.push(orderId);
    }
  }
  return Object.fromEntries(orders.map((order) => [order.order_id, order]));
}

function readme(counts: { products: number; variants: number; users: number; orders: number; statuses: Record<string, number> }): string {
  return `# Demo store B — 灵犀优选 (Chinese)

Synthetic Chinese online store for demos, tests and replays. Same JSON shape as demo store A
(\`../tau-retail\`, τ-bench retail), so the same tools run on both. Everything here is invented: names, phones
(\`1[3-9]…\`), emails (\`@example.com\`), addresses (real provinces/cities/districts, invented roads and numbers),
brands and prices.

Generated by \`scripts/generate-store-zh.ts\` — do not edit by hand. Regenerate with

    npx tsx scripts/generate-store-zh.ts

- PRNG: mulberry32, seed **${SEED}** (deterministic: same seed, same files).
- Reference time ("now" of the data): **${REFERENCE_TIME}**. Every \`created_at\` and tracking event is before it;
  event times are China Standard Time (\`+08:00\`).
- Counts: ${counts.products} products, ${counts.variants} variants, ${counts.users} users, ${counts.orders} orders.
- Two kinds of customers. The first ${USER_COUNT} users and their ${ORDER_COUNT} orders have baskets drawn uniformly at
  random (tests and conversation tests refer to them; they never change). The next ${SHOPPER_COUNT} users are modelled
  shoppers, appended after them on the same PRNG stream: 1–2 preferred categories (80 % of their own picks) and a
  price band, a Zipf-like popularity skew within each category, consumables bought again (咖啡豆, 五常大米, 纸尿裤,
  护肤品 …), and complementary products in the same or the next order (智能手机 → 充电宝/耳机, 意式咖啡机 → 咖啡豆,
  婴儿推车 → 湿巾/纸尿裤, 电饭煲 → 五常大米 …). Their 2–6 orders each are delivered and spread over the 300 days before
  the reference time. This is what gives \`lingxi eval recommend\` a personal signal to find (docs/benchmarks.md).
- Statuses: ${Object.entries(counts.statuses).map(([status, count]) => `${status} ${count}`).join(', ')}.

## Differences from store A
- Extra fields: products have \`name_en\`, \`category\`, \`brand\`, \`description\`; orders have \`created_at\`;
  fulfillments have \`carrier\` (顺丰速运, 京东物流, 中通快递, 圆通速递, EMS) and \`events\` (\`time\`, \`location\`, \`description\`).
- Option keys and values are Chinese (颜色: 黑色, 存储: 256GB, 轴体: 青轴 …). Prices in CNY.
- Payment sources: \`alipay\`, \`wechat_pay\`, \`credit_card\` (\`brand\` is a bank or card scheme), \`gift_card\` (\`balance\`).
- Order ids are \`#CN\` + yyMM of creation + 6 digits, e.g. \`#CN2611004821\`.
- Every order totals at least ¥${FREE_SHIPPING_THRESHOLD} (the store's free-shipping threshold), so totals equal the sum of
  item prices with no shipping fee. Gift-card balances are what remains after the orders paid with them.
- Some \`processed\` orders are delayed: their last event (e.g. 因天气原因延误) is days before the reference time.
- \`cancelled\` orders carry a payment and an equal refund; \`return requested\` / \`exchange requested\` orders are
  delivered orders whose refund or exchange is still open.

Policy for this store: \`../../knowledge/policy.zh.md\`.
`;
}

const products = buildProducts();
const users = buildUsers();
// Appended after the random orders (same PRNG stream, so everything above stays exactly as it was).
const orders = { ...buildOrders(users, products), ...buildShopperOrders(users, products) };
const statuses: Record<string, number> = {};
for (const order of Object.values(orders)) statuses[order.status] = (statuses[order.status] ?? 0) + 1;
mkdirSync(outputDirectory, { recursive: true });
writeFileSync(join(outputDirectory, 'products.json'), JSON.stringify(products, null, 1) + '\n');
writeFileSync(join(outputDirectory, 'users.json'), JSON.stringify(users, null, 1) + '\n');
writeFileSync(join(outputDirectory, 'orders.json'), JSON.stringify(orders, null, 1) + '\n');
const variantCount = Object.values(products).reduce((sum, product) => sum + Object.keys(product.variants).length, 0);
writeFileSync(join(outputDirectory, 'README.md'), readme({ products: Object.keys(products).length, variants: variantCount, users: Object.keys(users).length, orders: Object.keys(orders).length, statuses }));
console.log(`store-zh: ${Object.keys(products).length} products, ${variantCount} variants, ${Object.keys(users).length} users, ${Object.keys(orders).length} orders`, statuses);
