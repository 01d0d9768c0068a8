/**
 * The key an organisation is looked up by. The forms print one name several ways
 * (`（本级）`, `(本级)`, `（本 级）`, `人力 资源`): NFKC folds full-width forms (parentheses,
 * digits, spaces) to their half-width twins, then every space, including zero-width ones, goes.
 * Stored in `name_key` columns: changing this rule needs a migration that recomputes them.
 */
export function organisationNameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u200b-\u200d\ufeff]+/gu, '');
}
