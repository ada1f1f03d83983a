variable "project" {
  description = "GCP project of the instance group (policy target.project)."
  type        = string
  default     = "shop-prod"
}

variable "zone" {
  description = "Zone of the instance group (policy target.zone)."
  type        = string
  default     = "europe-west3-a"
}

variable "instance_group_manager" {
  description = "Name of the managed instance group (policy target.name)."
  type        = string
  default     = "search-mig"
}

variable "cpu_target" {
  description = "CPU utilisation the autoscaler keeps between the scheduled floors (0-1)."
  type        = number
  default     = 0.6
}
