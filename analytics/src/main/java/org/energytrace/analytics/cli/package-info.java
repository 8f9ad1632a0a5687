/** The command line ({@code analytics mv}); the only package that reads files. */
package org.energytrace.analytics.cli;
