/**
 * The passage a comment is anchored to, inside a comment form. Without JavaScript the member
 * copies the passage into the field. With JavaScript, selecting text inside the element
 * `containerId` (the rendered version) fills it, with up to 40 characters of context on each
 * side (`passagePrefix`, `passageSuffix`, slices of the container's textContent) so that the
 * server can tell repeated quotes apart.
 */
import { useEffect, useRef, useState } from "react";

const CONTEXT_LENGTH = 40;

type Props = {
  containerId: string;
  defaultPassage?: string;
  error?: string;
  /** The context sent back with `defaultPassage` after a refused submission. */
  defaultPrefix?: string;
  defaultSuffix?: string;
};

type Quote = { passage: string; prefix: string; suffix: string };

/** The selected text (whitespace collapsed) and its context in the container's textContent. */
export function quoteInContainer(container: Node, range: Range): Quote | null {
  const full = container.textContent ?? "";
  const before = container.ownerDocument!.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const raw = range.toString();
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  const start = before.toString().length + (raw.length - raw.trimStart().length);
  const end = start + trimmed.length;
  return {
    passage: trimmed.replace(/\s+/g, " "),
    prefix: full.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: full.slice(end, end + CONTEXT_LENGTH),
  };
}

const shortened = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);

export function PassagePicker({
  containerId,
  defaultPassage = "",
  error,
  defaultPrefix = "",
  defaultSuffix = "",
}: Props) {
  const id = `${containerId}-passage`;
  // The typed passage stays an uncontrolled input (nothing typed before hydration is lost); the
  // context is state: React rewrites a hidden input's defaultValue on every render.
  const passage = useRef<HTMLInputElement>(null);
  const [context, setContext] = useState({ prefix: defaultPrefix, suffix: defaultSuffix });
  const current = useRef(context);
  current.current = context;
  const [hydrated, setHydrated] = useState(false);
  const [hasPassage, setHasPassage] = useState(defaultPassage.trim() !== "");
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const capture = () => {
      const container = document.getElementById(containerId);
      const selection = document.getSelection();
      if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      // Only a selection that starts and ends in the version's text.
      if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return;
      const quote = quoteInContainer(container, range);
      if (!quote || !passage.current) return;
      if (
        quote.passage === passage.current.value &&
        quote.prefix === current.current.prefix &&
        quote.suffix === current.current.suffix
      )
        return;
      passage.current.value = quote.passage;
      setContext({ prefix: quote.prefix, suffix: quote.suffix });
      setHasPassage(true);
      setAnnouncement(`Passage sélectionné : « ${shortened(quote.passage)} »`);
    };
    // Selecting with the mouse fires many events: wait until it settles.
    const onSelectionChange = () => {
      clearTimeout(timer);
      timer = setTimeout(capture, 300);
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", onSelectionChange);
    };
  }, [containerId]);

  const clear = () => {
    if (passage.current) passage.current.value = "";
    setContext({ prefix: "", suffix: "" });
    // Without this, the next selection event would take the same selection again.
    const selection = document.getSelection();
    const container = document.getElementById(containerId);
    if (
      selection &&
      container &&
      selection.rangeCount > 0 &&
      container.contains(selection.getRangeAt(0).startContainer)
    )
      selection.removeAllRanges();
    setHasPassage(false);
    setAnnouncement("Aucun passage ciblé : le commentaire porte sur le texte entier.");
    passage.current?.focus();
  };

  const describedBy = [`${id}-aide`, error ? `${id}-erreur` : null].filter(Boolean).join(" ");
  return (
    <div className={`fr-input-group passage-picker${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        Passage commenté (facultatif)
        <span className="fr-hint-text" id={`${id}-aide`}>
          Sélectionnez un passage du texte ci-dessus ou recopiez-le ici ; laissez vide pour commenter le texte entier.
        </span>
      </label>
      <input
        ref={passage}
        className={`fr-input${error ? " fr-input--error" : ""}`}
        id={id}
        name="passage"
        type="text"
        autoComplete="off"
        defaultValue={defaultPassage}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onInput={(event) => {
          // A passage typed by hand has no known context.
          setContext({ prefix: "", suffix: "" });
          setHasPassage(event.currentTarget.value.trim() !== "");
        }}
      />
      <input type="hidden" name="passagePrefix" value={context.prefix} />
      <input type="hidden" name="passageSuffix" value={context.suffix} />
      {error ? (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      {hydrated && hasPassage ? (
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary fr-btn--icon-left fr-icon-close-line fr-mt-1w"
          onClick={clear}
        >
          Ne plus cibler de passage
        </button>
      ) : null}
      <p className="fr-sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
