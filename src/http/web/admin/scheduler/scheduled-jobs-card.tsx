import { billRunJob, heartbeatJob, type JobHeartbeat } from '../../../../modules/system/index.js';
import { Card } from '../../components/detail.js';
import { formatAgo, formatCount, formatDateTime } from '../../format.js';

/** What each scheduled job is for; a job without a line here is shown by its name alone. */
const jobPurposes: Record<string, string> = {
  [heartbeatJob.name]: 'Shows the scheduler is alive',
  [billRunJob.name]: 'Starts a bill run when something is due',
};

/** The scheduled jobs that record their runs: when each last ran, and how often it has. */
export function ScheduledJobsCard(props: { heartbeats: JobHeartbeat[]; now: Date }) {
  return (
    <Card title="Scheduled jobs">
      {props.heartbeats.length === 0 ? (
        <div class="muted">Nothing has run yet; the first jobs run within a minute of start.</div>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Job</th>
                <th>Last run</th>
                <th>Runs</th>
              </tr>
            </thead>
            <tbody>
              {props.heartbeats.map((beat) => (
                <tr>
                  <td data-label="Job">
                    <div>{beat.jobName}</div>
                    {jobPurposes[beat.jobName] && <div class="hint">{jobPurposes[beat.jobName]}</div>}
                  </td>
                  <td data-label="Last run">
                    <div>{formatAgo(beat.lastRunAt, props.now)}</div>
                    <div class="hint nowrap">{formatDateTime(beat.lastRunAt)}</div>
                  </td>
                  <td data-label="Runs">{formatCount(beat.runs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
