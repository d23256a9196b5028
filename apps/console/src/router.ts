import type { Pinia } from 'pinia'
import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import { useSessionStore } from './stores/session.ts'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
  }
}

// Every page is its own chunk; the reports page carries the chart library with it.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: { name: 'campaigns' } },
  {
    path: '/login',
    name: 'login',
    component: () => import('./pages/LoginPage.vue'),
    meta: { public: true },
  },
  { path: '/campaigns', name: 'campaigns', component: () => import('./pages/CampaignsPage.vue') },
  {
    path: '/campaigns/new',
    name: 'campaign-new',
    component: () => import('./pages/CampaignEditPage.vue'),
  },
  {
    path: '/campaigns/:id(\\d+)',
    name: 'campaign',
    component: () => import('./pages/CampaignEditPage.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/campaigns/:campaignId(\\d+)/creatives/new',
    name: 'creative-new',
    component: () => import('./pages/CreativeEditPage.vue'),
    props: (route) => ({ campaignId: Number(route.params.campaignId) }),
  },
  {
    path: '/campaigns/:campaignId(\\d+)/creatives/:id(\\d+)',
    name: 'creative',
    component: () => import('./pages/CreativeEditPage.vue'),
    props: (route) => ({
      campaignId: Number(route.params.campaignId),
      id: Number(route.params.id),
    }),
  },
  { path: '/reports', name: 'reports', component: () => import('./pages/ReportsPage.vue') },
  { path: '/account', name: 'account', component: () => import('./pages/AccountPage.vue') },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { public: true },
  },
]

/** Only same-app paths may be a post-login destination (no open redirect to another site). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : '/campaigns'
}

export function createAppRouter(pinia: Pinia, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes })

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia)
    // An unreachable API leaves the session unknown; the banner says why, login retries it.
    if (!session.checked) await session.restore().catch(() => undefined)
    if (to.name === 'login' && session.loggedIn) return safeRedirect(to.query.redirect)
    if (to.meta.public || session.loggedIn) return true
    return { name: 'login', query: { redirect: to.fullPath } }
  })

  return router
}
