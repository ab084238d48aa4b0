print("cirkel")
