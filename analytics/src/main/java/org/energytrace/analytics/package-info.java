/**
 * The pure M&amp;V core of EnergyTrace: records in, records out, no I/O (except reading the bundled
 * data tables from the class path) and no clock reads. Same inputs give byte-identical outputs.
 */
package org.energytrace.analytics;
