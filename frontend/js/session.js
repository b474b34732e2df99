// Who is logged in: the current user and what their role may do, shared by the entry and the views.

let me = null;

/** The logged-in user ({id, username, role}), or null. */
export function currentUser() {
  return me;
}

export function setCurrentUser(user) {
  me = user;
}

/** Whether the user may approve, mark ready and publish (editors and admins). */
export function isReviewer() {
  return !!me && (me.role === "admin" || me.role === "editor");
}
