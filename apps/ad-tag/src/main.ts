import { defineHexadAd } from './element.ts'

// Only while this script runs does the page say which <script> it is: remember where it came from.
// The dev server loads the sources as a module (no currentScript) from the page's own origin.
const tagUrl =
  document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : location.href

// A page that includes the tag twice must not get an error for the second definition.
if (!customElements.get('hexad-ad')) customElements.define('hexad-ad', defineHexadAd(tagUrl))
