import { describe, expect, it } from 'vitest';
import { claimKindFrom, evidenceFrom } from './parcel-claim.ts';

describe('claimKindFrom', () => {
  it('reads what happened in simplified, traditional and English wording', () => {
    expect(claimKindFrom('拆開發現外套被劃破了')).toBe('damaged');
    expect(claimKindFrom('網點說件找不到了')).toBe('lost');
    expect(claimKindFrom('it turned up three days after the date you promised')).toBe('delayed');
  });
});

describe('evidenceFrom', () => {
  it('counts a photo of anything besides the box as a photo of the contents', () => {
    expect(evidenceFrom('外箱和衣服都拍了照片，也有发票', 'damaged')).toEqual(['packaging_photos', 'contents_photos', 'receipt']);
    expect(evidenceFrom('I took photos of the cracked vase', 'damaged')).toEqual(['contents_photos']);
  });
  it('does not invent contents photos', () => {
    expect(evidenceFrom('I have photos of the packaging and the receipt', 'damaged')).toEqual(['packaging_photos', 'receipt']);
    expect(evidenceFrom('只有包装照片', 'damaged')).toEqual(['packaging_photos']);
  });
});
