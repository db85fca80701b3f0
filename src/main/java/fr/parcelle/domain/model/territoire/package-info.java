/**
 * Communes served and the services instructeurs that instruct their files (one service, many
 * communes).
 */
package fr.parcelle.domain.model.territoire;
