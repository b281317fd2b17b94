/**
 * The part of the `diff` package (5.2) that Passerelles uses; @types/diff is not installed.
 * See https://github.com/kpdecker/jsdiff#api.
 */
declare module "diff" {
  export interface Change {
    count?: number;
    value: string;
    added?: boolean;
    removed?: boolean;
  }
  export function diffWords(oldStr: string, newStr: string, options?: { ignoreCase?: boolean }): Change[];
}
