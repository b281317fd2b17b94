/**
 * Rich-text nodes stored without going through a form (an older row, a script): event handlers, inline
 * styles, a javascript: link and an iframe that the renderer's allow-list must drop.
 */
export const hostileRichTextNodes = [
  {
    type: "paragraph",
    attrs: { onclick: "alert(1)", style: "color:red" },
    content: [
      {
        type: "text",
        text: "clic",
        marks: [{ type: "link", attrs: { href: "javascript:alert(2)", onmouseover: "alert(3)" } }],
      },
    ],
  },
  { type: "iframe", attrs: { src: "https://exemple.invalid" } },
];
