// Stellar's error objects, with the texts of 1.2+ (modern) and of 1.x up to
// 1.1.1 (legacy). "does not exists" (sic) is what 1.4.6 really says.
const common = {
  privateAction: (name) => ({ code: '002', message: `The action '${name}' is private` }),
  invalidType: (param, expected) => ({ code: '003', message: `Param '${param}' has an invalid type, expected ${expected}` }),
  unknownAction: (action) => ({ code: '004', message: `Unknown action (${action}) or invalid apiVersion` }),
  tooManyPending: () => ({ code: '007', message: 'You have too many pending requests' }),
  fileNotFound: () => ({ code: '010', message: 'The requested file not exists' }),
  verbNotAllowed: (verb) => ({ code: '014', message: `Verb not found or not allowed (${verb})` }),
  roomAndMessage: () => ({ code: '015', message: 'Both room and message are required' }),
  roomRequired: () => ({ code: '021', message: 'A room is required' }),
  responseTimeout: (action) => ({ code: '022', message: `Response timeout for action '${action}'` }),
};

const modern = {
  ...common,
  notInRoom: (conn, room) => ({ code: '016', message: `Connection (${conn.id}) not in room (${room})` }),
  alreadyInRoom: (conn, room) => ({ code: '017', message: `Connection (${conn.id}) already in room (${room})` }),
  roomDeleted: (room) => ({ name: 'ConnectionRoomHasBeenDeleted Error', code: '018', message: `Room (${room}) has been deleted` }),
  roomNotExist: (room) => ({ name: 'ConnectionRoomNotExist Error', code: '019', message: `Room (${room}) does not exists` }),
};

const legacy = {
  ...common,
  notInRoom: (conn, room) => ({ code: '016', message: `Connection not in this room (${room})` }),
  alreadyInRoom: (conn, room) => ({ code: '017', message: `Connection already in this room (${room})` }),
  roomDeleted: (room) => ({ code: '018', message: `Room (${room}) has been deleted` }),
  roomNotExist: (room) => ({ code: '019', message: `Room (${room}) does not exist` }),
};

export function errorsFor(isLegacy) {
  return isLegacy ? legacy : modern;
}

// How Stellar puts an error on the wire: an Error becomes its message string,
// anything else goes out unchanged.
export function serializeError(error) {
  return error instanceof Error ? String(error.message) : error;
}
