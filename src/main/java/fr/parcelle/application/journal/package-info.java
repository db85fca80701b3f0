/**
 * Use cases of the journal: record an agent's access, export a dossier's entries for a court or an
 * audit (administrators and the dossier's service instructeur), verify the whole chain
 * (administrators).
 */
package fr.parcelle.application.journal;
