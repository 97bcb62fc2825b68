// The roles of docs/server.md, lowest first. The page only hides what a role
// may not do; the server decides every request (route table, owner checks,
// the governance rules).
const kRoles = ['viewer', 'contributor', 'reviewer', 'admin'];

export function atLeast(user, role) {
  return !!user && kRoles.indexOf(user.role) >= kRoles.indexOf(role);
}
