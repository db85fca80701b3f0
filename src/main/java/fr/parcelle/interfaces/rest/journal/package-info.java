/**
 * The journal's API (verification, per-dossier export) and the filter that journals every read of a
 * dossier by an agent.
 */
package fr.parcelle.interfaces.rest.journal;
