/**
 * The entitlement keys a plan or an add-on grants, as code, comma-separated; "none" when it
 * grants none. Both detail pages list them so.
 */
export function EntitlementKeys(props: { keys: string[] }) {
  if (props.keys.length === 0) return <>none</>;
  return (
    <>
      {props.keys.map((key, index) => (
        <>
          {index > 0 && ', '}
          <code>{key}</code>
        </>
      ))}
    </>
  );
}
