/**
 * The tamper-evident journal: its entries, their canonical serialisation and hash, and the walk
 * along the chain that finds an altered, deleted, inserted or reordered entry. Pure JDK, so that a
 * third party can re-check an export with these classes alone.
 */
package fr.parcelle.domain.model.journal;
