/**
 * E-mail delivery: the outbox ({@code courriel}, filled by a trigger on the dossier's timeline and
 * by the daily digest), its sender over SMTP (Jakarta Mail) with retries, and the timer that drives
 * both. Reads the instructors' tasks and accounts from the engine for the digest (read only).
 */
package fr.parcelle.infrastructure.courriel;
