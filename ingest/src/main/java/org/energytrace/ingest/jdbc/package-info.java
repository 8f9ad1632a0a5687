/**
 * The JDBC shape every store shares ({@link org.energytrace.ingest.jdbc.Sql}): one statement
 * prepared, its parameters bound, its rows mapped, the statement and result closed. Part of the
 * ground: it depends on nothing of ingest but {@code errors}.
 */
package org.energytrace.ingest.jdbc;
