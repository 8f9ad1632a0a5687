/**
 * The story a published site tells on the public showcase (issue 20): the enterprise's and the
 * site's names and the sector in Vietnamese and English, and the measures implemented at the site
 * ({@link org.energytrace.ingest.showcase.SiteStory}); their storage ({@link
 * org.energytrace.ingest.showcase.PgSiteStories}) and the route that writes them ({@link
 * org.energytrace.ingest.showcase.SiteStoryRoutes}); the QR code linking to the site's public page
 * ({@link org.energytrace.ingest.showcase.QrSvg}). The showcase answer itself is the dashboard's
 * ({@code dashboard.DashboardRoutes}), which reads the story from here. See docs/dashboards.md.
 */
package org.energytrace.ingest.showcase;
