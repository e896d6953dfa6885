// A form's problem in a sentence (a mistyped number, a claim below the minimum…), announced to screen readers; nothing
// when there is none.
export function Problem({ text }: { text: string | undefined }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}
