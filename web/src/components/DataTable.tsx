// One table shape for every screen: a caption, the column headings, the rows the screen renders; inside a box that
// scrolls sideways on a narrow screen, so a wide table never widens the page.
import type { ReactNode } from "react";

export function DataTable({ caption, columns, className, children }: { caption: string; columns: readonly string[]; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
