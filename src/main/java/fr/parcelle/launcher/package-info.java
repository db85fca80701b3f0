/**
 * Development launcher run by {@code mvn -Prun package}: starts the embedded PostgreSQL (unless an
 * external one is configured), then Payara Micro with the application, and prints the addresses and
 * demo accounts once ready. Not packaged in the WAR.
 */
package fr.parcelle.launcher;
