import accessLog from '../features/access-log/locales/en.json';
import accountLinks from '../features/account-links/locales/en.json';
import auth from '../features/auth/locales/en.json';
import kase from '../features/case/locales/en.json';
import complaints from '../features/complaints/locales/en.json';
import confidant from '../features/confidant/locales/en.json';
import contact from '../features/contact/locales/en.json';
import people from '../features/people/locales/en.json';
import myData from '../features/my-data/locales/en.json';
import filing from '../features/filing/locales/en.json';
import notifications from '../features/notifications/locales/en.json';
import inbox from '../features/inbox/locales/en.json';
import procedure from '../features/procedure/locales/en.json';
import dashboard from '../features/dashboard/locales/en.json';
import register from '../features/register/locales/en.json';
import sharing from '../features/sharing/locales/en.json';
import staffCase from '../features/staff-case/locales/en.json';
import commission from '../features/commission/locales/en.json';
import common from '../shared/i18n/locales/en.json';
import type { Catalogue } from './catalogues';

/** The English catalogue: the same keys as the Dutch one (typechecked and tested). */
export const english: Catalogue = {
  common,
  auth,
  accountLinks,
  complaints,
  case: kase,
  filing,
  sharing,
  confidant,
  contact,
  people,
  myData,
  notifications,
  inbox,
  staffCase,
  register,
  dashboard,
  accessLog,
  procedure,
  commission,
};
