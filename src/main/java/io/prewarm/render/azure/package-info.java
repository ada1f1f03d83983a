/** Azure virtual machine scale set rendering: azurerm_monitor_autoscale_setting with recurrence profiles. */
package io.prewarm.render.azure;
