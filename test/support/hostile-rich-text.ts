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

/**
 * A document as an editor would post it, whose text is markup (a script, an image with an
 * event handler, `<script>alert('<name>')</script>`) and whose link is javascript:; the page
 * must show the markup as text and keep no link.
 */
export const hostilePostedDoc = (name: string) => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [{ type: "text", text: `<script>alert('${name}')</script><img src=x onerror=alert(1)>` }],
    },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "lien piégé", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
      ],
    },
  ],
});
