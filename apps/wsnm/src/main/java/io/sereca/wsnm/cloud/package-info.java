/**
 * The cloud side of WSNM: the enclave services ({@link io.sereca.wsnm.cloud.WsnmService}), their
 * bundles ({@link io.sereca.wsnm.cloud.WsnmBundles}) and how they are deployed.
 */
package io.sereca.wsnm.cloud;
