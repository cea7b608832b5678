import { embedSvg } from '../../src/html/embed-svg';

describe('embedSvg', () => {
  it('drops an XML prolog and prefixes ids and local references', () => {
    const svg = '<?xml version="1.0"?>\n<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1" xlink:href="#clip1"/></g></svg>';
    expect(embedSvg(svg, 'p0-', 'plots[0].svg')).toBe(
      '<svg><defs><clipPath id="p0-clip1"><rect/></clipPath></defs><g clip-path="url(#p0-clip1)"><use href="#p0-clip1" xlink:href="#p0-clip1"/></g></svg>',
    );
  });

  it.each([
    ['<svg><script>alert(1)</script></svg>', /<script>/],
    ['<svg><rect onload="alert(1)"/></svg>', /event-handler/],
    ['<svg><foreignObject><div/></foreignObject></svg>', /foreignObject/],
    ['<svg><image href="https://example.com/x.png"/></svg>', /external href/],
    ['<svg><a xlink:href="javascript:alert(1)"/></svg>', /javascript:|external href/],
    ['<svg><rect style="fill:url(https://x/y)"/></svg>', /external url/],
    ['<div>not svg</div>', /must be one <svg>/],
  ])('rejects %s', (svg, message) => {
    expect(() => embedSvg(svg, 'p-', 'plots[2].svg')).toThrow(/plots\[2\]\.svg/);
    expect(() => embedSvg(svg, 'p-', 'plots[2].svg')).toThrow(message);
  });
});
