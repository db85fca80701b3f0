/**
 * E-mails of the platform: what the applicant is told at each legal step of the dossier and the
 * instructors' daily digest, written in French from the facts the outbox recorded when the step
 * committed. Pure: no SMTP, no database (see {@code infrastructure.courriel}).
 */
package fr.parcelle.application.courriel;
