import { formatDateTime } from '../format.js';
import { Card } from './detail.js';

export interface TimelineItem {
  at: Date;
  title: string;
  actor?: string;
  detail?: string | undefined;
}

/** What happened to a record, newest first, with who did it. */
export function Timeline(props: { items: TimelineItem[]; emptyText?: string }) {
  if (props.items.length === 0) return <p class="muted">{props.emptyText ?? 'Nothing has happened yet.'}</p>;
  return (
    <ol class="timeline">
      {props.items.map((item) => (
        <li class="timeline-item">
          <span class="timeline-dot" aria-hidden="true" />
          <div class="timeline-body">
            <div class="timeline-title">{item.title}</div>
            <div class="timeline-meta muted">
              <time dateTime={item.at.toISOString()}>{formatDateTime(item.at)}</time>
              {item.actor && <> · {item.actor}</>}
            </div>
            {item.detail && <div class="timeline-detail">{item.detail}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The "Timeline" card most detail pages end with: a record's audit history under that title. */
export function TimelineCard(props: { items: TimelineItem[] }) {
  return (
    <Card title="Timeline">
      <Timeline items={props.items} />
    </Card>
  );
}
