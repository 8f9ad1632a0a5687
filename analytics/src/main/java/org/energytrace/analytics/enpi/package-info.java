/** Energy performance indicators: SEC per day, week or month, with coverage and flagged gaps. */
package org.energytrace.analytics.enpi;
