/**
 * The rich-text editor of mission letters, minutes and RFC versions.
 *
 * Without JavaScript (and in the server's HTML) it is a labelled textarea named
 * `${name}__texte`: the text is saved without formatting. Once React has hydrated, a Tiptap
 * editor replaces it and a hidden input `name` carries the document's JSON, so only the JSON is
 * posted. Read both on the server with readRichText (app/modules/richtext/form.server.ts).
 */
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  documentFromPlainText,
  documentToPlainText,
  emptyDocument,
  type RichTextDocument,
} from "~/modules/richtext/document";
import { isAllowedLinkHref, RICH_TEXT_EXTENSIONS } from "~/modules/richtext/extensions";
import { FieldGroup } from "./fields";

type Props = {
  name: string;
  label: string;
  hint?: string;
  /** The stored document; null for an empty one. When it changes, the editor shows it. */
  initialDocument: RichTextDocument | null;
  error?: string;
  /** The editable element's id (the textarea's without JavaScript). Default `editeur-${name}`. */
  id?: string;
  required?: boolean;
};

export function RichTextEditor({ name, label, hint, initialDocument, error, id, required }: Props) {
  const base = id ?? `editeur-${name}`;
  const ids = {
    label: `${base}-libelle`,
    hint: `${base}-aide`,
    noScript: `${base}-aide-sans-js`,
    error: `${base}-erreur`,
    link: `${base}-lien`,
  };
  const describedBy = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ") || undefined;
  const initialKey = JSON.stringify(initialDocument);

  // Stable options: useEditor compares them on every render and would otherwise reconfigure the view.
  const [content] = useState(() => initialDocument ?? emptyDocument());
  const editorDescribedBy = describedBy(hint && ids.hint, error && ids.error);
  const editorProps = useMemo(
    () => ({
      attributes: {
        id: base,
        class: `fr-input rich-text__content${error ? " fr-input--error" : ""}`,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": ids.label,
        ...(editorDescribedBy ? { "aria-describedby": editorDescribedBy } : {}),
        ...(error ? { "aria-invalid": "true" } : {}),
        ...(required ? { "aria-required": "true" } : {}),
      },
    }),
    [base, error, editorDescribedBy, required],
  );
  // What was typed in the textarea before the editor replaced it, and whether it had focus.
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typed = useRef<{ value: string; focused: boolean } | null>(null);
  const rememberTyped = () => {
    if (textarea.current)
      typed.current = { value: textarea.current.value, focused: document.activeElement === textarea.current };
  };
  useEffect(rememberTyped, []);

  const [json, setJson] = useState("");
  const editor = useEditor({
    immediatelyRender: false,
    extensions: RICH_TEXT_EXTENSIONS,
    content,
    editorProps,
    onUpdate: ({ editor }) => setJson(JSON.stringify(editor.getJSON())),
  });

  useEffect(() => {
    if (!editor) return;
    const before = typed.current;
    typed.current = null;
    if (before && before.value !== documentToPlainText(initialDocument))
      editor.commands.setContent(documentFromPlainText(before.value));
    setJson(JSON.stringify(editor.getJSON()));
    if (before?.focused) editor.commands.focus("end");
    // Only when the editor appears: later changes of initialDocument are handled below.
  }, [editor]);

  // A new document from the page (another record, or what was typed sent back): show it.
  const shownKey = useRef(initialKey);
  useEffect(() => {
    if (!editor || shownKey.current === initialKey) return;
    shownKey.current = initialKey;
    editor.commands.setContent(initialDocument ?? emptyDocument());
  }, [editor, initialKey, initialDocument]);

  const groupClass = `fr-input-group rich-text${error ? " fr-input-group--error" : ""}`;
  const errorText = error ? (
    <p className="fr-error-text" id={ids.error}>
      {error}
    </p>
  ) : null;

  if (!editor) {
    return (
      <div className={groupClass}>
        <label className="fr-label" htmlFor={base} id={ids.label}>
          {label}
          {hint ? (
            <span className="fr-hint-text" id={ids.hint}>
              {hint}
            </span>
          ) : null}
          <span className="fr-hint-text" id={ids.noScript}>
            Sans JavaScript, le texte est enregistré sans mise en forme : séparez les paragraphes par une ligne vide.
          </span>
        </label>
        <textarea
          ref={textarea}
          onChange={rememberTyped}
          onFocus={rememberTyped}
          onBlur={rememberTyped}
          className={`fr-input${error ? " fr-input--error" : ""}`}
          id={base}
          name={`${name}__texte`}
          rows={10}
          defaultValue={documentToPlainText(initialDocument)}
          required={required}
          aria-describedby={describedBy(hint && ids.hint, ids.noScript, error && ids.error)}
          aria-invalid={error ? true : undefined}
        />
        {errorText}
      </div>
    );
  }

  return (
    <div className={groupClass}>
      {/* No htmlFor: the editable element is a div; clicking the label still puts the caret in it. */}
      <label className="fr-label" onClick={() => editor.commands.focus()}>
        <span id={ids.label}>{label}</span>
        {hint ? (
          <span className="fr-hint-text" id={ids.hint}>
            {hint}
          </span>
        ) : null}
      </label>
      <div className="rich-text__frame">
        <Toolbar editor={editor} label={label} controls={base} linkId={ids.link} />
        <EditorContent editor={editor} />
      </div>
      <input type="hidden" name={name} value={json} />
      {errorText}
    </div>
  );
}

type ToolbarButton = {
  key: string;
  label: string;
  icon: string;
  shortcut?: { title: string; aria: string };
  pressed?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  run: () => void;
};

function Toolbar({
  editor,
  label,
  controls,
  linkId,
}: {
  editor: Editor;
  label: string;
  controls: string;
  linkId: string;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor }) => ({
      bold: editor.isActive("bold"),
      italic: editor.isActive("italic"),
      h2: editor.isActive("heading", { level: 2 }),
      h3: editor.isActive("heading", { level: 3 }),
      bulletList: editor.isActive("bulletList"),
      orderedList: editor.isActive("orderedList"),
      blockquote: editor.isActive("blockquote"),
      link: editor.isActive("link"),
      href: (editor.getAttributes("link").href as string | undefined) ?? "",
      canUndo: editor.can().undo(),
      canRedo: editor.can().redo(),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const chain = () => editor.chain().focus();

  const items: ToolbarButton[] = [
    {
      key: "bold",
      label: "Gras",
      icon: "fr-icon-bold",
      shortcut: { title: "Ctrl+B", aria: "Control+B" },
      pressed: state.bold,
      run: () => chain().toggleBold().run(),
    },
    {
      key: "italic",
      label: "Italique",
      icon: "fr-icon-italic",
      shortcut: { title: "Ctrl+I", aria: "Control+I" },
      pressed: state.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: "h2",
      label: "Titre de niveau 2",
      icon: "fr-icon-h-2",
      pressed: state.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: "h3",
      label: "Titre de niveau 3",
      icon: "fr-icon-h-3",
      pressed: state.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: "ul",
      label: "Liste à puces",
      icon: "fr-icon-list-unordered",
      pressed: state.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: "ol",
      label: "Liste numérotée",
      icon: "fr-icon-list-ordered",
      pressed: state.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: "quote",
      label: "Citation",
      icon: "fr-icon-quote-line",
      pressed: state.blockquote,
      run: () => chain().toggleBlockquote().run(),
    },
    {
      key: "link",
      label: state.link ? "Modifier ou retirer le lien" : "Lien",
      icon: state.link ? "fr-icon-link-unlink" : "fr-icon-link",
      expanded: linkOpen,
      run: () => setLinkOpen((open) => !open),
    },
    {
      key: "undo",
      label: "Annuler",
      icon: "fr-icon-arrow-go-back-line",
      shortcut: { title: "Ctrl+Z", aria: "Control+Z" },
      disabled: !state.canUndo,
      run: () => chain().undo().run(),
    },
    {
      key: "redo",
      label: "Rétablir",
      icon: "fr-icon-arrow-go-forward-line",
      shortcut: { title: "Ctrl+Maj+Z", aria: "Control+Shift+Z" },
      disabled: !state.canRedo,
      run: () => chain().redo().run(),
    },
  ];

  // Roving tabindex: one tab stop for the whole toolbar, arrows move inside it.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      Home: 0,
      End: items.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + items.length) % items.length;
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <>
      <div
        className="rich-text__toolbar"
        role="toolbar"
        aria-label={`Mise en forme : ${label}`}
        aria-controls={controls}
        onKeyDown={onKeyDown}
      >
        {items.map((item, index) => (
          <button
            key={item.key}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className={`fr-btn fr-btn--tertiary-no-outline fr-btn--sm ${item.icon} rich-text__button--${item.key}`}
            title={item.shortcut ? `${item.label} (${item.shortcut.title})` : item.label}
            aria-label={item.label}
            aria-keyshortcuts={item.shortcut?.aria}
            aria-pressed={item.pressed}
            aria-expanded={item.expanded}
            aria-controls={item.expanded ? linkId : undefined}
            aria-disabled={item.disabled || undefined}
            tabIndex={index === active ? 0 : -1}
            onFocus={() => setActive(index)}
            // Keeps the caret and selection in the text when a button is clicked.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!item.disabled) item.run();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      {linkOpen ? (
        <LinkField
          id={linkId}
          editor={editor}
          current={state.href}
          onClose={(focusEditor) => {
            setLinkOpen(false);
            if (focusEditor) editor.commands.focus();
            else buttons.current[items.findIndex((item) => item.key === "link")]?.focus();
          }}
        />
      ) : null}
    </>
  );
}

/** "www.cnsa.fr" → "https://www.cnsa.fr", "a@b.fr" → "mailto:a@b.fr"; anything else as typed. */
function completeHref(value: string) {
  const href = value.trim();
  if (/^[^\s@:/]+@[^\s@]+\.[^\s@]+$/.test(href)) return `mailto:${href}`;
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(href)) return `https://${href}`;
  return href;
}

function LinkField({
  id,
  editor,
  current,
  onClose,
}: {
  id: string;
  editor: Editor;
  current: string;
  onClose: (focusEditor: boolean) => void;
}) {
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const apply = () => {
    const href = completeHref(value);
    if (!isAllowedLinkHref(href)) {
      setError("Saisissez une adresse commençant par https://, http:// ou mailto:, par exemple https://www.cnsa.fr.");
      input.current?.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      editor
        .chain()
        .focus()
        .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    onClose(true);
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose(true);
  };

  return (
    <FieldGroup
      groupId={id}
      id={`${id}-adresse`}
      kind="input"
      className="rich-text__link"
      label="Adresse du lien"
      hint="Adresse web (https://…) ou électronique (mailto:…). Entrée pour appliquer, Échap pour fermer."
      error={error ?? undefined}
    >
      {(control) => (
        <div className="rich-text__link-row">
          <input
            ref={input}
            {...control}
            type="text"
            inputMode="url"
            autoComplete="url"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              // Enter must not submit the page's form.
              if (event.key === "Enter") {
                event.preventDefault();
                apply();
              } else if (event.key === "Escape") {
                event.preventDefault();
                onClose(false);
              }
            }}
          />
          <button type="button" className="fr-btn fr-btn--sm" onClick={apply}>
            Appliquer le lien
          </button>
          {current ? (
            <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={remove}>
              Retirer le lien
            </button>
          ) : null}
          <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => onClose(false)}>
            Fermer
          </button>
        </div>
      )}
    </FieldGroup>
  );
}
