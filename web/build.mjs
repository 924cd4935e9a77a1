// Bundles src/ and its npm dependencies into dist/widget.js, one file for one script tag.
import { build } from "esbuild";

await build({
  entryPoints: ["src/index.js"],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  outfile: "dist/widget.js",
});
console.log("built web/dist/widget.js");
