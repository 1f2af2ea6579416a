import { badRequest } from '../http/errors.js';

/** The CSS custom properties a host site may set, and the query parameter for each. */
export const THEME_PROPERTIES = {
  accent: '--dpv-accent',
  bg: '--dpv-bg',
  text: '--dpv-text',
  font: '--dpv-font',
} as const;
export type ThemeParameter = keyof typeof THEME_PROPERTIES;
export type EmbedTheme = Partial<Record<ThemeParameter, string>>;

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:%|deg|turn|rad)?`;
const FUNCTIONAL = new RegExp(String.raw`^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*${NUMBER}(?:\s*[,\s/]\s*${NUMBER}){2,3}\s*\)$`, 'i');
/** CSS Color 4 named colours (and transparent); currentcolor would mean nothing here. */
const NAMED = new Set(
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue
chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey
darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray
darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen
fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen
lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime
limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver
skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
whitesmoke yellow yellowgreen transparent`.split(/\s+/),
);
/** Family names, quoted or not, separated by commas: nothing that could close the declaration or open a url(). */
const FONT_STACK = /^\s*(?:"[\p{L}\p{N} -]+"|'[\p{L}\p{N} -]+'|[\p{L}\p{N} -]+)(?:\s*,\s*(?:"[\p{L}\p{N} -]+"|'[\p{L}\p{N} -]+'|[\p{L}\p{N} -]+))*\s*$/u;

export function isCssColour(value: string): boolean {
  const v = value.trim();
  return HEX.test(v) || FUNCTIONAL.test(v) || NAMED.has(v.toLowerCase());
}

export function isFontStack(value: string): boolean {
  return value.length <= 200 && FONT_STACK.test(value);
}

/**
 * The theme asked for in the query string. A value that is not a colour (or a font stack, for `font`) is a 400
 * naming the parameter: it goes into a style sheet, so it is checked against a grammar, never escaped and hoped for.
 */
export function themeFromQuery(query: URLSearchParams): EmbedTheme {
  const theme: EmbedTheme = {};
  for (const name of Object.keys(THEME_PROPERTIES) as ThemeParameter[]) {
    const value = query.get(name);
    if (value === null || value === '') continue;
    const ok = name === 'font' ? isFontStack(value) : isCssColour(value);
    if (!ok) throw badRequest(`"${name}" must be ${name === 'font' ? 'a list of font family names' : 'a CSS colour such as #005a9c'}, got "${value}"`);
    theme[name] = value.trim();
  }
  return theme;
}

/** `:root { --dpv-accent: …; }` for the validated theme; empty when nothing was asked for. */
export function themeDeclarations(theme: EmbedTheme): string {
  const declarations = (Object.entries(theme) as [ThemeParameter, string][]).map(([name, value]) => `${THEME_PROPERTIES[name]}: ${value};`);
  return declarations.length ? `:root { ${declarations.join(' ')} }` : '';
}
