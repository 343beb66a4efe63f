export { RealtimeHub, REALTIME_PATH } from './RealtimeHub';
export type {
  PresenceEntry,
  RealtimeAuthenticator,
  RealtimeIdentity,
  RoomAuthorizer,
} from './RealtimeHub';
export { realtimeServiceRef } from './realtimeService';
export { realtimePlugin } from './realtimePlugin';
export { permissionRoomAuthorizer } from './permissionRoomAuthorizer';
