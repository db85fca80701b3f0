/** Content-addressed file store on disk for the original bytes of pièces and issued documents. */
package fr.parcelle.infrastructure.storage;
