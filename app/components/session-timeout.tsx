import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** Warn this long before the session ends (RGAA 13.1: the person can extend it). */
const WARNING_MS = 2 * 60_000;

/**
 * Tells the person, before their session ends for inactivity, how long is left and lets them
 * extend it; then tells them it has ended. Any navigation re-renders it with a fresh delay.
 * It counts elapsed time (performance.now()), not the time of day.
 */
export function SessionTimeout({ expiresInMs }: { expiresInMs: number }) {
  const fetcher = useFetcher<{ expiresInMs: number }>();
  const [deadline, setDeadline] = useState(() => performance.now() + expiresInMs);
  const [left, setLeft] = useState(expiresInMs);
  const button = useRef<HTMLButtonElement>(null);
  const warning = left > 0 && left <= WARNING_MS;

  useEffect(() => {
    if (fetcher.data?.expiresInMs) setDeadline(performance.now() + fetcher.data.expiresInMs);
  }, [fetcher.data]);

  useEffect(() => {
    const tick = () => setLeft(deadline - performance.now());
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);

  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);

  if (left > WARNING_MS) return null;
  const minutes = Math.floor(Math.max(left, 0) / 60_000);
  const seconds = Math.floor((Math.max(left, 0) % 60_000) / 1000);
  return (
    <div
      className="fr-container app-session-timeout"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="expiration-titre"
      aria-describedby="expiration-texte"
    >
      <div className={`fr-alert ${left > 0 ? "fr-alert--warning" : "fr-alert--error"}`}>
        {left > 0 ? (
          <>
            <h2 id="expiration-titre" className="fr-alert__title">
              Votre session va expirer
            </h2>
            <p id="expiration-texte">
              Sans activité de votre part, vous serez déconnecté dans {minutes > 0 ? `${minutes} min ` : ""}
              {seconds} s. Ce que vous n'avez pas enregistré serait perdu.
            </p>
            <fetcher.Form method="post" action="/session/prolonger" className="fr-mt-2w">
              <button ref={button} type="submit" className="fr-btn fr-btn--sm" disabled={fetcher.state !== "idle"}>
                Prolonger ma session
              </button>
            </fetcher.Form>
          </>
        ) : (
          <>
            <h2 id="expiration-titre" className="fr-alert__title">
              Votre session a expiré
            </h2>
            <p id="expiration-texte">
              Pour votre sécurité, vous avez été déconnecté après une période d'inactivité.{" "}
              <a href="/connexion">Se reconnecter</a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
