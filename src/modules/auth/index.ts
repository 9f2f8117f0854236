export { createAuthRepository } from './auth.repository.js';
export { createAuthService, type AuthService } from './auth.service.js';
export { sessionMiddleware, requireRole, csrfGuard, CSRF_HEADER, CSRF_VALUE } from './auth.middleware.js';
export { authRouter } from './auth.routes.js';
export { socketAuth } from './socket.auth.js';
export { createLoginLockout, type LoginLockout, type LockoutPolicy } from './login-lockout.js';
export { seedDemoUsers, DEMO_USERS } from './demo-users.js';
export { SESSION_COOKIE } from './session.cookie.js';
