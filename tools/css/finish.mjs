// The last step of build.sh, from standard input to standard output: the vendor prefixes that the browsers
// in package.json's "browserslist" need (Bootstrap's own list, so the prefixes are those of its dist files:
// -webkit-appearance for Chrome before 84 and Safari before 15.4, among others), and the @charset rule
// that tells a browser the file is UTF-8 whatever the server says.
import { text } from 'node:stream/consumers';
import autoprefixer from 'autoprefixer';
import postcss from 'postcss';

const result = await postcss([autoprefixer]).process(await text(process.stdin), { from: undefined });
for (const warning of result.warnings()) {
  console.error(warning.toString());
}

process.stdout.write(/[^\x00-\x7F]/.test(result.css) ? '@charset "UTF-8";' + result.css : result.css);
