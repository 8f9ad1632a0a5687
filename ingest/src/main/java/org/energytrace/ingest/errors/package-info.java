/**
 * The failures every layer may raise and the HTTP layer maps to answers: not found (404), a refusal
 * of the domain (400/409/422 with the parameter it names), a database failure (503). Depends on
 * nothing of ingest.
 */
package org.energytrace.ingest.errors;
