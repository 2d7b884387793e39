/** "26–50 of 112" with Previous / Next links for a list shown by numbered pages. */
export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const { page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = (target: number, label: string, rel: string) =>
    target >= 1 && target <= pages && target !== page ? (
      <a class="button secondary small" href={props.href(target)} rel={rel}>
        {label}
      </a>
    ) : (
      <span class="button secondary small disabled">{label}</span>
    );
  return (
    <div class="pagination">
      <span class="muted">
        {first}–{last} of {total}
      </span>
      <div class="pager">
        {link(page - 1, 'Previous', 'prev')}
        <span class="muted">
          Page {Math.min(page, pages)} of {pages}
        </span>
        {link(page + 1, 'Next', 'next')}
      </div>
    </div>
  );
}
