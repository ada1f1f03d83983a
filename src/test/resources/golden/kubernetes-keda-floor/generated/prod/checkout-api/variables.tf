variable "namespace" {
  description = "Namespace of the workload (policy target.namespace)."
  type        = string
  default     = "shop"
}

variable "workload_name" {
  description = "Name of the scaled workload (policy target.name)."
  type        = string
  default     = "checkout-api"
}

variable "workload_kind" {
  description = "Kind of the scaled workload (policy target.kind)."
  type        = string
  default     = "StatefulSet"
}
