/** What keeps a form from saving: a heading and one line a problem (role="alert"); nothing when there are none. */
export function ProblemsNotice({ title, problems, block = false }: { title?: string; problems: readonly string[]; block?: boolean }) {
  if (problems.length === 0) return null;
  return (
    <div className={block ? 'notice notice--error notice--block' : 'notice notice--error'} role="alert">
      {title ? <p>{title}</p> : null}
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
