variable "resource_group_name" {
  description = "Resource group of the autoscale setting (policy target.resourceGroup)."
  type        = string
  default     = "shop-prod"
}

variable "location" {
  description = "Azure region of the autoscale setting (policy target.location)."
  type        = string
  default     = "westeurope"
}

variable "target_resource_id" {
  description = "ID of the virtual machine scale set (policy target.resourceId)."
  type        = string
  default     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shop-prod/providers/Microsoft.Compute/virtualMachineScaleSets/orders-vmss"
}

variable "cpu_scale_out_above" {
  description = "Average CPU percent above which a profile adds capacity."
  type        = number
  default     = 70
}

variable "cpu_scale_in_below" {
  description = "Average CPU percent below which a profile removes capacity gently."
  type        = number
  default     = 30
}
