// The web console: one page over the package's clients, used exactly as any page uses them. One
// module per view (views/); this one wires them up and asks the local server where the page points.
import { $, session } from './views/ui.js';
import { setUpConnection } from './views/connection.js';
import { setUpBalancers } from './views/balancers.js';
import { setUpDetail } from './views/detail.js';
import { setUpV2Detail } from './views/v2_detail.js';
import { setUpTargetGroups } from './views/target_groups.js';
import { setUpMetrics } from './views/metrics.js';
import { setUpMigration } from './views/migration.js';
import { setUpCutover } from './views/cutover.js';

setUpConnection();
setUpBalancers();
setUpDetail();
setUpV2Detail();
setUpTargetGroups();
setUpMetrics();
setUpMigration();
setUpCutover();

const configResponse = await fetch('/config', { cache: 'no-store' });
if (configResponse.status === 401 || configResponse.status === 403) {
  // Opened without (or with a stale) token: the server's API is closed to this page.
  $('#target').textContent = 'Not signed in: open the URL that npm start printed (it carries this run\'s token).';
  $('#status').textContent = 'Locked';
  $('#connect').hidden = true;
} else {
  session.config = await configResponse.json();
  $('#target').textContent = `${session.config.mode === 'moto' ? 'local moto' : 'AWS'} · ${session.config.endpoint}`;
  $('#credentials-form').region.value = session.config.region;
}
