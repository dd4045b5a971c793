/**
 * A station as the visitor reads it (the agency in their language) and as the signs in the room
 * name it (Swedish), the second only where it says something the first does not.
 */
export function StationName({
  agency,
  name,
  className,
}: {
  agency: string;
  name: string;
  className?: string;
}) {
  const Tag = className ? 'span' : 'p';
  return (
    <Tag className={className ?? 'status-station'}>
      <span className="status-agency">{agency}</span>
      {agency.trim().toLowerCase() !== name.trim().toLowerCase() && (
        <span className="status-sign" lang="sv">
          {name}
        </span>
      )}
    </Tag>
  );
}
