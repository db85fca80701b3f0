/**
 * The journal in PostgreSQL (migration V10): appends through {@code journal_ajouter}, reads, the
 * chain's verification (also as a command line), and the actor a transaction's legal events are
 * attributed to.
 */
package fr.parcelle.infrastructure.journal;
