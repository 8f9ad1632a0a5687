/**
 * The pure M&amp;V core of EnergyTrace: records in, records out, no I/O (except reading the bundled
 * data tables from the class path, and the CLI) and no clock reads. Same inputs give byte-identical
 * outputs. Packages import only downward (LayeringTest): json → units → integrity → enpi → baseline
 * → domain → savings → resource → report → dossier → cli.
 */
package org.energytrace.analytics;
