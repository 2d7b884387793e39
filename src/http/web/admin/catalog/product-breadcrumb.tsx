/**
 * Catalog / product / this page: the trail of a page that belongs to one product (a plan, an
 * add-on), so the product is one click away.
 */
export function ProductBreadcrumb(props: { product: { id: string; name: string }; current: string }) {
  return (
    <nav class="breadcrumb muted" aria-label="Breadcrumb">
      <a href="/admin/catalog">Catalog</a> /{' '}
      <a href={`/admin/catalog/${props.product.id}`}>{props.product.name}</a> /{' '}
      <span aria-current="page">{props.current}</span>
    </nav>
  );
}
