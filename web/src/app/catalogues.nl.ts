import accessLog from '../features/access-log/locales/nl.json';
import accountLinks from '../features/account-links/locales/nl.json';
import auth from '../features/auth/locales/nl.json';
import kase from '../features/case/locales/nl.json';
import complaints from '../features/complaints/locales/nl.json';
import confidant from '../features/confidant/locales/nl.json';
import contact from '../features/contact/locales/nl.json';
import people from '../features/people/locales/nl.json';
import myData from '../features/my-data/locales/nl.json';
import filing from '../features/filing/locales/nl.json';
import notifications from '../features/notifications/locales/nl.json';
import inbox from '../features/inbox/locales/nl.json';
import procedure from '../features/procedure/locales/nl.json';
import dashboard from '../features/dashboard/locales/nl.json';
import register from '../features/register/locales/nl.json';
import sharing from '../features/sharing/locales/nl.json';
import staffCase from '../features/staff-case/locales/nl.json';
import commission from '../features/commission/locales/nl.json';
import common from '../shared/i18n/locales/nl.json';

/** The Dutch catalogue, one namespace per feature: every string the client shows. */
export const dutch = {
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
